-- parameters: (none)
CREATE TABLE IF NOT EXISTS "fk_templates" (
  "template_id" VARCHAR NOT NULL,
  "version" INTEGER NOT NULL,
  "fingerprint" VARCHAR NOT NULL,
  "table_name" VARCHAR NOT NULL,
  "layout" VARCHAR NOT NULL,
  "deployed_at" TIMESTAMP(6) NOT NULL
);

CREATE TABLE IF NOT EXISTS "fk_insurance_visit_record_v1" (
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
  "c_e69d72ae" DECIMAL(38, 10),
  "c_e69d72ae__orig" DECIMAL(38, 10),
  "c_e69d72ae__src" VARCHAR,
  "c_264d960f" DECIMAL(38, 10),
  "c_264d960f__orig" DECIMAL(38, 10),
  "c_264d960f__src" VARCHAR,
  "c_eaa896ad" DECIMAL(38, 10),
  "c_bc58f7af" DECIMAL(38, 10),
  "c_0d8e2f2a" DECIMAL(38, 10),
  "c_b617a40f" DECIMAL(38, 10),
  "c_d2be4c32" DECIMAL(38, 10),
  "c_ac9bed40" DECIMAL(38, 10),
  "c_905c78a8" DECIMAL(38, 10)
);

CREATE TABLE IF NOT EXISTS "fk_insurance_visit_record_v1__c_dff426a2" (
  "submission_id" VARCHAR NOT NULL,
  "row_no" INTEGER NOT NULL,
  "row_key" VARCHAR,
  "c_50b5b1d2" VARCHAR,
  "c_c425e1cf" VARCHAR,
  "c_a752a7d8" VARCHAR,
  "c_1c54caca" DATE,
  "c_d6981829" VARCHAR,
  "c_bc80d7c2" VARCHAR,
  "c_820934d1" DATE,
  "c_fae03dd6" VARCHAR,
  "c_2806d073" VARCHAR,
  "c_775e05a5" VARCHAR,
  "c_968eaf6d" VARCHAR,
  "c_cd27f8e2" VARCHAR,
  "c_e56bda01" BOOLEAN,
  "c_daede988" VARCHAR
)
