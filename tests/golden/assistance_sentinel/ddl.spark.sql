-- parameters: (none)
CREATE TABLE IF NOT EXISTS `fk_templates` (
  `template_id` STRING NOT NULL,
  `version` INT NOT NULL,
  `fingerprint` STRING NOT NULL,
  `table_name` STRING NOT NULL,
  `layout` STRING NOT NULL,
  `deployed_at` TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS `fk_assistance_sentinel_v2` (
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
  `recipients` DECIMAL(38, 10),
  `recipients_dibao` DECIMAL(38, 10),
  `recipients_tekun` DECIMAL(38, 10),
  `recipients_dibian` DECIMAL(38, 10),
  `amount_due` DECIMAL(38, 10),
  `warnings_total` DECIMAL(38, 10),
  `warnings_death` DECIMAL(38, 10),
  `warnings_marriage` DECIMAL(38, 10),
  `warnings_migration` DECIMAL(38, 10),
  `stopped` DECIMAL(38, 10),
  `changed` DECIMAL(38, 10),
  `amount_stopped` DECIMAL(38, 10),
  `amount_to_recover` DECIMAL(38, 10),
  `warning_rate` DECIMAL(38, 10)
);

CREATE TABLE IF NOT EXISTS `fk_assistance_sentinel_v2__sentinel` (
  `submission_id` STRING NOT NULL,
  `row_no` INT NOT NULL,
  `row_key` STRING,
  `name` STRING,
  `id_card` STRING,
  `category` STRING,
  `household_size` DECIMAL(38, 10),
  `monthly_amount` DECIMAL(38, 10),
  `start_date` DATE,
  `death_date` DATE,
  `marriage_event` STRING,
  `marriage_date` DATE,
  `moved_out_date` DATE,
  `moved_to` STRING,
  `warning` STRING,
  `result` STRING,
  `method` STRING,
  `stop_date` DATE,
  `new_amount` DECIMAL(38, 10),
  `recover_amount` DECIMAL(38, 10),
  `note` STRING
)
