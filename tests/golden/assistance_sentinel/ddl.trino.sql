-- parameters: (none)
CREATE TABLE IF NOT EXISTS "fk_templates" (
  "template_id" VARCHAR NOT NULL,
  "version" INTEGER NOT NULL,
  "fingerprint" VARCHAR NOT NULL,
  "table_name" VARCHAR NOT NULL,
  "layout" VARCHAR NOT NULL,
  "deployed_at" TIMESTAMP(6) NOT NULL
);

CREATE TABLE IF NOT EXISTS "fk_assistance_sentinel_v2" (
  "submission_id" VARCHAR NOT NULL,
  "org" VARCHAR NOT NULL,
  "period" VARCHAR NOT NULL,
  "version" INTEGER NOT NULL,
  "state" VARCHAR NOT NULL,
  "revision" INTEGER NOT NULL,
  "digest" VARCHAR NOT NULL,
  "created_at" TIMESTAMP(6) NOT NULL,
  "created_by" VARCHAR,
  "updated_at" TIMESTAMP(6) NOT NULL,
  "updated_by" VARCHAR,
  "pool_as_of" TIMESTAMP(6),
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
  "warning_rate" DECIMAL(38, 10)
);

CREATE TABLE IF NOT EXISTS "fk_assistance_sentinel_v2__sentinel" (
  "submission_id" VARCHAR NOT NULL,
  "row_no" INTEGER NOT NULL,
  "row_key" VARCHAR,
  "name" VARCHAR,
  "id_card" VARCHAR,
  "category" VARCHAR,
  "household_size" DECIMAL(38, 10),
  "monthly_amount" DECIMAL(38, 10),
  "start_date" DATE,
  "death_date" DATE,
  "marriage_event" VARCHAR,
  "marriage_date" DATE,
  "moved_out_date" DATE,
  "moved_to" VARCHAR,
  "warning" VARCHAR,
  "result" VARCHAR,
  "method" VARCHAR,
  "stop_date" DATE,
  "new_amount" DECIMAL(38, 10),
  "recover_amount" DECIMAL(38, 10),
  "note" VARCHAR
)
