-- parameters: org, period_end
WITH `_scope` AS (
  SELECT
    `c`.`descendant` AS `code`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = :org AND `c`.`ancestor_level` = 3
)
SELECT
  (
    SELECT
      `r`.`ancestor_level`
    FROM `fk_org__org_unit` AS `r`
    WHERE
      `r`.`ancestor` = :org AND `r`.`depth` = 0
  ) AS `_level`,
  `agg_medical_device_enterprise`.`a1` AS `ent_total`,
  `agg_medical_device_enterprise`.`a2` AS `ent_class1`,
  `agg_medical_device_enterprise`.`a3` AS `ent_class2`,
  `agg_medical_device_enterprise`.`a4` AS `ent_class3`,
  `agg_medical_device_enterprise`.`a5` AS `ent_suspended`,
  `agg_medical_device_enterprise`.`a6` AS `ent_key`,
  `agg_medical_device_enterprise`.`a7` AS `license_expiring`,
  `agg_medical_device_enterprise`.`a8` AS `not_inspected`
FROM (
  SELECT
    COUNT(CASE WHEN `t`.`production_status` IN ('producing', 'suspended') THEN 1 END) AS `a1`,
    COUNT(
      CASE
        WHEN (
          `t`.`production_status` IN ('producing', 'suspended')
        )
        AND (
          `t`.`risk_class` = 'I'
        )
        THEN 1
      END
    ) AS `a2`,
    COUNT(
      CASE
        WHEN (
          `t`.`production_status` IN ('producing', 'suspended')
        )
        AND (
          `t`.`risk_class` = 'II'
        )
        THEN 1
      END
    ) AS `a3`,
    COUNT(
      CASE
        WHEN (
          `t`.`production_status` IN ('producing', 'suspended')
        )
        AND (
          `t`.`risk_class` = 'III'
        )
        THEN 1
      END
    ) AS `a4`,
    COUNT(CASE WHEN `t`.`production_status` = 'suspended' THEN 1 END) AS `a5`,
    COUNT(
      CASE
        WHEN (
          `t`.`production_status` IN ('producing', 'suspended')
        )
        AND (
          `t`.`is_key_supervision` = TRUE
        )
        THEN 1
      END
    ) AS `a6`,
    COUNT(
      CASE
        WHEN (
          `t`.`production_status` IN ('producing', 'suspended')
        )
        AND (
          DATEDIFF(`t`.`license_valid_until`, CAST(:period_end AS DATE)) BETWEEN 0 AND 90
        )
        THEN 1
      END
    ) AS `a7`,
    COUNT(
      CASE
        WHEN (
          `t`.`production_status` = 'producing'
        )
        AND (
          (
            `t`.`last_inspected_date` IS NULL
          )
          OR (
            YEAR(`t`.`last_inspected_date`) < YEAR(CAST(:period_end AS DATE))
          )
        )
        THEN 1
      END
    ) AS `a8`
  FROM `medical_device_enterprise` AS `t`
  JOIN `_scope`
    ON `t`.`community_code` = `_scope`.`code`
) AS `agg_medical_device_enterprise`
