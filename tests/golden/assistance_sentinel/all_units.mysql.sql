-- parameters: org
WITH `_tree` AS (
  SELECT
    `c`.`descendant` AS `code`,
    COALESCE(`u`.`ancestor`, `c`.`descendant`) AS `unit`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  LEFT JOIN `fk_org__org_unit` AS `u`
    ON `u`.`descendant` = `c`.`descendant` AND `u`.`ancestor_level` = 4
  WHERE
    `c`.`ancestor` = %(org)s
)
SELECT
  `u`.`code` AS `_unit`,
  `u`.`level` AS `_level`,
  COALESCE(`agg_assistance_recipient`.`a1`, 0) AS `recipients`,
  COALESCE(`agg_assistance_recipient`.`a2`, 0) AS `recipients_dibao`,
  COALESCE(`agg_assistance_recipient`.`a3`, 0) AS `recipients_tekun`,
  COALESCE(`agg_assistance_recipient`.`a4`, 0) AS `recipients_dibian`,
  CASE
    WHEN ABS(`agg_assistance_recipient`.`a5`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_assistance_recipient`.`a5`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_assistance_recipient`.`a5` AS DECIMAL(38, 10))
  END AS `amount_due`
FROM `_tree` AS `u`
LEFT JOIN (
  SELECT
    COUNT(CASE WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'active' THEN 1 END) AS `a1`,
    COUNT(
      CASE
        WHEN (
          `t`.`status` COLLATE utf8mb4_nopad_bin = 'active'
        )
        AND (
          `t`.`category` COLLATE utf8mb4_nopad_bin = 'dibao'
        )
        THEN 1
      END
    ) AS `a2`,
    COUNT(
      CASE
        WHEN (
          `t`.`status` COLLATE utf8mb4_nopad_bin = 'active'
        )
        AND (
          `t`.`category` COLLATE utf8mb4_nopad_bin = 'tekun'
        )
        THEN 1
      END
    ) AS `a3`,
    COUNT(
      CASE
        WHEN (
          `t`.`status` COLLATE utf8mb4_nopad_bin = 'active'
        )
        AND (
          `t`.`category` COLLATE utf8mb4_nopad_bin = 'dibian'
        )
        THEN 1
      END
    ) AS `a4`,
    CASE
      WHEN ABS(
        SUM(
          CAST(CASE
            WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'active'
            THEN CAST(`t`.`monthly_amount` AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10))
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            SUM(
              CAST(CASE
                WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'active'
                THEN CAST(`t`.`monthly_amount` AS DECIMAL(38, 10))
              END AS DECIMAL(38, 10))
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(SUM(
        CAST(CASE
          WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'active'
          THEN CAST(`t`.`monthly_amount` AS DECIMAL(38, 10))
        END AS DECIMAL(38, 10))
      ) AS DECIMAL(38, 10))
    END AS `a5`,
    `_tree`.`unit` AS `_unit`
  FROM `assistance_recipient` AS `t`
  JOIN `_tree`
    ON `t`.`community_code` = `_tree`.`code`
  GROUP BY
    `_tree`.`unit`
) AS `agg_assistance_recipient`
  ON `agg_assistance_recipient`.`_unit` = `u`.`code`
WHERE
  `u`.`level` = 4 OR `u`.`code` = %(org)s
ORDER BY
  `u`.`code` COLLATE utf8mb4_nopad_bin
