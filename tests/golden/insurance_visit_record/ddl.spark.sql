-- parameters: (none)
CREATE TABLE IF NOT EXISTS `fk_templates` (
  `template_id` STRING NOT NULL,
  `version` INT NOT NULL,
  `fingerprint` STRING NOT NULL,
  `table_name` STRING NOT NULL,
  `layout` STRING NOT NULL,
  `deployed_at` TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS `fk_insurance_visit_record_v1` (
  `submission_id` STRING NOT NULL,
  `org` STRING NOT NULL,
  `period` STRING NOT NULL,
  `version` INT NOT NULL,
  `state` STRING NOT NULL,
  `revision` INT NOT NULL,
  `digest` STRING NOT NULL,
  `created_at` TIMESTAMP NOT NULL,
  `created_by` STRING,
  `updated_at` TIMESTAMP NOT NULL,
  `updated_by` STRING,
  `pool_as_of` TIMESTAMP,
  `c_e69d72ae` DECIMAL(38, 10),
  `c_e69d72ae__orig` DECIMAL(38, 10),
  `c_e69d72ae__src` STRING,
  `c_264d960f` DECIMAL(38, 10),
  `c_264d960f__orig` DECIMAL(38, 10),
  `c_264d960f__src` STRING,
  `c_eaa896ad` DECIMAL(38, 10),
  `c_bc58f7af` DECIMAL(38, 10),
  `c_0d8e2f2a` DECIMAL(38, 10),
  `c_b617a40f` DECIMAL(38, 10),
  `c_d2be4c32` DECIMAL(38, 10),
  `c_ac9bed40` DECIMAL(38, 10),
  `c_905c78a8` DECIMAL(38, 10)
);

CREATE TABLE IF NOT EXISTS `fk_insurance_visit_record_v1__c_dff426a2` (
  `submission_id` STRING NOT NULL,
  `row_no` INT NOT NULL,
  `row_key` STRING,
  `c_50b5b1d2` STRING,
  `c_c425e1cf` STRING,
  `c_a752a7d8` STRING,
  `c_1c54caca` DATE,
  `c_d6981829` STRING,
  `c_bc80d7c2` STRING,
  `c_820934d1` DATE,
  `c_fae03dd6` STRING,
  `c_2806d073` STRING,
  `c_775e05a5` STRING,
  `c_968eaf6d` STRING,
  `c_cd27f8e2` STRING,
  `c_e56bda01` BOOLEAN,
  `c_daede988` STRING
)
