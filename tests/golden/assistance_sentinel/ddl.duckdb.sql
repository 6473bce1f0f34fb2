-- parameters: (none)
CREATE TABLE IF NOT EXISTS "fk_templates" (
  "template_id" TEXT NOT NULL,
  "version" INT NOT NULL,
  "fingerprint" TEXT NOT NULL,
  "table_name" TEXT NOT NULL,
  "layout" TEXT NOT NULL,
  "deployed_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("template_id", "version")
);

CREATE TABLE IF NOT EXISTS "fk_assistance_sentinel_v2" (
  "submission_id" TEXT NOT NULL,
  "org" TEXT NOT NULL,
  "period" TEXT NOT NULL,
  "version" INT NOT NULL,
  "state" TEXT NOT NULL,
  "revision" INT NOT NULL,
  "digest" TEXT NOT NULL,
  "created_at" TIMESTAMP NOT NULL,
  "created_by" TEXT,
  "updated_at" TIMESTAMP NOT NULL,
  "updated_by" TEXT,
  "pool_as_of" TIMESTAMP,
  "recipients" DECIMAL(38, 10),
  "recipients_dibao" DECIMAL(38, 10),
  "recipients_tekun" DECIMAL(38, 10),
  "recipients_dibian" DECIMAL(38, 10),
  "amount_due" DECIMAL(38, 10),
  "warnings_total" DECIMAL(38, 10),
  "warnings_death" DECIMAL(38, 10),
  "warnings_marriage" DECIMAL(38, 10),
  "warnings_migration" DECIMAL(38, 10),
  "stopped" DECIMAL(38, 10),
  "changed" DECIMAL(38, 10),
  "amount_stopped" DECIMAL(38, 10),
  "amount_to_recover" DECIMAL(38, 10),
  "warning_rate" DECIMAL(38, 10),
  PRIMARY KEY ("submission_id"),
  UNIQUE (
    "period",
    "org"
  )
);

CREATE TABLE IF NOT EXISTS "fk_assistance_sentinel_v2__sentinel" (
  "submission_id" TEXT NOT NULL,
  "row_no" INT NOT NULL,
  "row_key" TEXT,
  "name" TEXT,
  "id_card" TEXT,
  "category" TEXT,
  "household_size" DECIMAL(38, 10),
  "monthly_amount" DECIMAL(38, 10),
  "start_date" DATE,
  "death_date" DATE,
  "marriage_event" TEXT,
  "marriage_date" DATE,
  "moved_out_date" DATE,
  "moved_to" TEXT,
  "warning" TEXT,
  "result" TEXT,
  "method" TEXT,
  "stop_date" DATE,
  "new_amount" DECIMAL(38, 10),
  "recover_amount" DECIMAL(38, 10),
  "note" TEXT,
  PRIMARY KEY ("submission_id", "row_no")
)
