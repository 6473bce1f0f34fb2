-- parameters: (none)
CREATE TABLE IF NOT EXISTS `fk_templates` (
  `template_id` VARCHAR(200) NOT NULL,
  `version` INT NOT NULL,
  `fingerprint` VARCHAR(64) NOT NULL,
  `table_name` VARCHAR(64) NOT NULL,
  `layout` TEXT NOT NULL,
  `deployed_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`template_id`, `version`)
)
DEFAULT CHARACTER SET=utf8mb4
COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS `fk_assistance_sentinel_v2` (
  `submission_id` VARCHAR(64) NOT NULL,
  `org` VARCHAR(64) NOT NULL,
  `period` VARCHAR(16) NOT NULL,
  `version` INT NOT NULL,
  `state` VARCHAR(16) NOT NULL,
  `revision` INT NOT NULL,
  `digest` VARCHAR(64) NOT NULL,
  `created_at` DATETIME(6) NOT NULL,
  `created_by` TEXT,
  `updated_at` DATETIME(6) NOT NULL,
  `updated_by` TEXT,
  `pool_as_of` DATETIME(6),
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
  `warning_rate` DECIMAL(38, 10),
  PRIMARY KEY (`submission_id`),
  UNIQUE (
    `period`,
    `org`
  )
)
DEFAULT CHARACTER SET=utf8mb4
COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS `fk_assistance_sentinel_v2__sentinel` (
  `submission_id` VARCHAR(64) NOT NULL,
  `row_no` INT NOT NULL,
  `row_key` VARCHAR(200),
  `name` TEXT,
  `id_card` TEXT,
  `category` TEXT,
  `household_size` DECIMAL(38, 10),
  `monthly_amount` DECIMAL(38, 10),
  `start_date` DATE,
  `death_date` DATE,
  `marriage_event` TEXT,
  `marriage_date` DATE,
  `moved_out_date` DATE,
  `moved_to` TEXT,
  `warning` TEXT,
  `result` TEXT,
  `method` TEXT,
  `stop_date` DATE,
  `new_amount` DECIMAL(38, 10),
  `recover_amount` DECIMAL(38, 10),
  `note` TEXT,
  PRIMARY KEY (`submission_id`, `row_no`)
)
DEFAULT CHARACTER SET=utf8mb4
COLLATE=utf8mb4_nopad_bin
