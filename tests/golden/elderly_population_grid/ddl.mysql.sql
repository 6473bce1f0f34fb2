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

CREATE TABLE IF NOT EXISTS `fk_elderly_population_grid_v1` (
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
  `population` DECIMAL(38, 10),
  `elderly_share` DECIMAL(38, 10),
  `oldest_share` DECIMAL(38, 10),
  `alone_share` DECIMAL(38, 10),
  `alone_visits` DECIMAL(38, 10),
  `allowance_recipients` DECIMAL(38, 10),
  `elderly__age_60_69__male` DECIMAL(38, 10),
  `elderly__age_60_69__female` DECIMAL(38, 10),
  `elderly__age_60_69__all` DECIMAL(38, 10),
  `elderly__age_60_69__alone` DECIMAL(38, 10),
  `elderly__age_70_79__male` DECIMAL(38, 10),
  `elderly__age_70_79__female` DECIMAL(38, 10),
  `elderly__age_70_79__all` DECIMAL(38, 10),
  `elderly__age_70_79__alone` DECIMAL(38, 10),
  `elderly__age_80_89__male` DECIMAL(38, 10),
  `elderly__age_80_89__female` DECIMAL(38, 10),
  `elderly__age_80_89__all` DECIMAL(38, 10),
  `elderly__age_80_89__alone` DECIMAL(38, 10),
  `elderly__age_90_99__male` DECIMAL(38, 10),
  `elderly__age_90_99__female` DECIMAL(38, 10),
  `elderly__age_90_99__all` DECIMAL(38, 10),
  `elderly__age_90_99__alone` DECIMAL(38, 10),
  `elderly__age_100__male` DECIMAL(38, 10),
  `elderly__age_100__female` DECIMAL(38, 10),
  `elderly__age_100__all` DECIMAL(38, 10),
  `elderly__age_100__alone` DECIMAL(38, 10),
  `elderly__total__male` DECIMAL(38, 10),
  `elderly__total__female` DECIMAL(38, 10),
  `elderly__total__all` DECIMAL(38, 10),
  `elderly__total__alone` DECIMAL(38, 10),
  PRIMARY KEY (`submission_id`),
  UNIQUE (
    `period`,
    `org`
  )
)
DEFAULT CHARACTER SET=utf8mb4
COLLATE=utf8mb4_nopad_bin
