-- parameters: org, period_end
WITH `_scope` AS (
  SELECT
    `c`.`descendant` AS `code`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = %(org)s AND `c`.`ancestor_level` = 3
)
SELECT
  (
    SELECT
      `r`.`ancestor_level`
    FROM `fk_org__org_unit` AS `r`
    WHERE
      `r`.`ancestor` = %(org)s AND `r`.`depth` = 0
  ) AS `_level`,
  CASE
    WHEN ABS(`agg_medical_device_enterprise`.`a1`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(`agg_medical_device_enterprise`.`a1`) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_medical_device_enterprise`.`a1` AS DECIMAL(38, 10))
  END AS `ent_total`,
  CASE
    WHEN ABS(`agg_medical_device_enterprise`.`a2`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(`agg_medical_device_enterprise`.`a2`) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_medical_device_enterprise`.`a2` AS DECIMAL(38, 10))
  END AS `ent_class1`,
  CASE
    WHEN ABS(`agg_medical_device_enterprise`.`a3`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(`agg_medical_device_enterprise`.`a3`) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_medical_device_enterprise`.`a3` AS DECIMAL(38, 10))
  END AS `ent_class2`,
  CASE
    WHEN ABS(`agg_medical_device_enterprise`.`a4`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(`agg_medical_device_enterprise`.`a4`) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_medical_device_enterprise`.`a4` AS DECIMAL(38, 10))
  END AS `ent_class3`,
  CASE
    WHEN ABS(`agg_medical_device_enterprise`.`a5`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(`agg_medical_device_enterprise`.`a5`) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_medical_device_enterprise`.`a5` AS DECIMAL(38, 10))
  END AS `ent_suspended`,
  CASE
    WHEN ABS(`agg_medical_device_enterprise`.`a6`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(`agg_medical_device_enterprise`.`a6`) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_medical_device_enterprise`.`a6` AS DECIMAL(38, 10))
  END AS `ent_key`,
  CASE
    WHEN ABS(`agg_medical_device_enterprise`.`a7`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(`agg_medical_device_enterprise`.`a7`) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_medical_device_enterprise`.`a7` AS DECIMAL(38, 10))
  END AS `license_expiring`,
  CASE
    WHEN ABS(`agg_medical_device_enterprise`.`a8`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(
        ABS(`agg_medical_device_enterprise`.`a8`) >= 9999999999999999999999999999.99999999995
      )
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_medical_device_enterprise`.`a8` AS DECIMAL(38, 10))
  END AS `not_inspected`
FROM (
  SELECT
    CAST(COUNT(
      CASE
        WHEN `t`.`production_status` COLLATE utf8mb4_nopad_bin IN ('producing', 'suspended')
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a1`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`production_status` COLLATE utf8mb4_nopad_bin IN ('producing', 'suspended')
        )
        AND (
          `t`.`risk_class` COLLATE utf8mb4_nopad_bin = 'I'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a2`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`production_status` COLLATE utf8mb4_nopad_bin IN ('producing', 'suspended')
        )
        AND (
          `t`.`risk_class` COLLATE utf8mb4_nopad_bin = 'II'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a3`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`production_status` COLLATE utf8mb4_nopad_bin IN ('producing', 'suspended')
        )
        AND (
          `t`.`risk_class` COLLATE utf8mb4_nopad_bin = 'III'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a4`,
    CAST(COUNT(
      CASE
        WHEN `t`.`production_status` COLLATE utf8mb4_nopad_bin = 'suspended'
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a5`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`production_status` COLLATE utf8mb4_nopad_bin IN ('producing', 'suspended')
        )
        AND (
          `t`.`is_key_supervision` = TRUE
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a6`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`production_status` COLLATE utf8mb4_nopad_bin IN ('producing', 'suspended')
        )
        AND (
          DATEDIFF(`t`.`license_valid_until`, CAST(%(period_end)s AS DATE)) BETWEEN 0 AND 90
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a7`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`production_status` COLLATE utf8mb4_nopad_bin = 'producing'
        )
        AND (
          (
            `t`.`last_inspected_date` IS NULL
          )
          OR (
            YEAR(`t`.`last_inspected_date`) < YEAR(CAST(%(period_end)s AS DATE))
          )
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a8`
  FROM `medical_device_enterprise` AS `t`
  JOIN `_scope`
    ON `t`.`community_code` = `_scope`.`code`
) AS `agg_medical_device_enterprise`
