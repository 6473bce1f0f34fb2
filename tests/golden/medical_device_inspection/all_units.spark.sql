-- parameters: period_end, org
WITH `_tree` AS (
  SELECT
    `c`.`descendant` AS `code`,
    COALESCE(`u`.`ancestor`, `c`.`descendant`) AS `unit`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  LEFT JOIN `fk_org__org_unit` AS `u`
    ON `u`.`descendant` = `c`.`descendant` AND `u`.`ancestor_level` = 3
  WHERE
    `c`.`ancestor` = :org
)
SELECT
  `u`.`code` AS `_unit`,
  `u`.`level` AS `_level`,
  COALESCE(`agg_medical_device_enterprise`.`a1`, 0) AS `ent_total`,
  COALESCE(`agg_medical_device_enterprise`.`a2`, 0) AS `ent_class1`,
  COALESCE(`agg_medical_device_enterprise`.`a3`, 0) AS `ent_class2`,
  COALESCE(`agg_medical_device_enterprise`.`a4`, 0) AS `ent_class3`,
  COALESCE(`agg_medical_device_enterprise`.`a5`, 0) AS `ent_suspended`,
  COALESCE(`agg_medical_device_enterprise`.`a6`, 0) AS `ent_key`,
  COALESCE(`agg_medical_device_enterprise`.`a7`, 0) AS `license_expiring`,
  COALESCE(`agg_medical_device_enterprise`.`a8`, 0) AS `not_inspected`
FROM `_tree` AS `u`
LEFT JOIN (
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
    ) AS `a8`,
    `_tree`.`unit` AS `_unit`
  FROM `medical_device_enterprise` AS `t`
  JOIN `_tree`
    ON `t`.`community_code` = `_tree`.`code`
  GROUP BY
    `_tree`.`unit`
) AS `agg_medical_device_enterprise`
  ON `agg_medical_device_enterprise`.`_unit` = `u`.`code`
WHERE
  `u`.`level` = 3 OR `u`.`code` = :org
ORDER BY
  `u`.`code`
