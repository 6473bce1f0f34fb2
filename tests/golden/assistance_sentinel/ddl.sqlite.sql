-- parameters: (none)
CREATE TABLE IF NOT EXISTS "fk_templates" (
  "template_id" TEXT NOT NULL,
  "version" INTEGER NOT NULL,
  "fingerprint" TEXT NOT NULL,
  "table_name" TEXT NOT NULL,
  "layout" TEXT NOT NULL,
  "deployed_at" TEXT NOT NULL,
  PRIMARY KEY ("template_id", "version")
);

CREATE TABLE IF NOT EXISTS "fk_assistance_sentinel_v2" (
  "submission_id" TEXT NOT NULL PRIMARY KEY,
  "org" TEXT NOT NULL,
  "period" TEXT NOT NULL,
  "version" INTEGER NOT NULL,
  "state" TEXT NOT NULL,
  "revision" INTEGER NOT NULL,
  "digest" TEXT NOT NULL,
  "created_at" TEXT NOT NULL,
  "created_by" TEXT,
  "updated_at" TEXT NOT NULL,
  "updated_by" TEXT,
  "pool_as_of" TEXT,
  "recipients" TEXT,
  "recipients_dibao" TEXT,
  "recipients_tekun" TEXT,
  "recipients_dibian" TEXT,
  "amount_due" TEXT,
  "warnings_total" TEXT,
  "warnings_death" TEXT,
  "warnings_marriage" TEXT,
  "warnings_migration" TEXT,
  "stopped" TEXT,
  "changed" TEXT,
  "amount_stopped" TEXT,
  "amount_to_recover" TEXT,
  "warning_rate" TEXT,
  UNIQUE (
    "period",
    "org"
  )
);

CREATE TABLE IF NOT EXISTS "fk_assistance_sentinel_v2__sentinel" (
  "submission_id" TEXT NOT NULL,
  "row_no" INTEGER NOT NULL,
  "row_key" TEXT,
  "name" TEXT,
  "id_card" TEXT,
  "category" TEXT,
  "household_size" TEXT,
  "monthly_amount" TEXT,
  "start_date" TEXT,
  "death_date" TEXT,
  "marriage_event" TEXT,
  "marriage_date" TEXT,
  "moved_out_date" TEXT,
  "moved_to" TEXT,
  "warning" TEXT,
  "result" TEXT,
  "method" TEXT,
  "stop_date" TEXT,
  "new_amount" TEXT,
  "recover_amount" TEXT,
  "note" TEXT,
  PRIMARY KEY ("submission_id", "row_no")
)
