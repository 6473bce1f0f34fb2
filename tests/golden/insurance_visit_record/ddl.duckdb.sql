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

CREATE TABLE IF NOT EXISTS "fk_insurance_visit_record_v1" (
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
  "c_e69d72ae" DECIMAL(38, 10),
  "c_e69d72ae__orig" DECIMAL(38, 10),
  "c_e69d72ae__src" TEXT,
  "c_264d960f" DECIMAL(38, 10),
  "c_264d960f__orig" DECIMAL(38, 10),
  "c_264d960f__src" TEXT,
  "c_eaa896ad" DECIMAL(38, 10),
  "c_bc58f7af" DECIMAL(38, 10),
  "c_0d8e2f2a" DECIMAL(38, 10),
  "c_b617a40f" DECIMAL(38, 10),
  "c_d2be4c32" DECIMAL(38, 10),
  "c_ac9bed40" DECIMAL(38, 10),
  "c_905c78a8" DECIMAL(38, 10),
  PRIMARY KEY ("submission_id"),
  UNIQUE (
    "period",
    "org"
  )
);

CREATE TABLE IF NOT EXISTS "fk_insurance_visit_record_v1__c_dff426a2" (
  "submission_id" TEXT NOT NULL,
  "row_no" INT NOT NULL,
  "row_key" TEXT,
  "c_50b5b1d2" TEXT,
  "c_c425e1cf" TEXT,
  "c_a752a7d8" TEXT,
  "c_1c54caca" DATE,
  "c_d6981829" TEXT,
  "c_bc80d7c2" TEXT,
  "c_820934d1" DATE,
  "c_fae03dd6" TEXT,
  "c_2806d073" TEXT,
  "c_775e05a5" TEXT,
  "c_968eaf6d" TEXT,
  "c_cd27f8e2" TEXT,
  "c_e56bda01" BOOLEAN,
  "c_daede988" TEXT,
  PRIMARY KEY ("submission_id", "row_no")
)
