-- parameters: org
WITH `_scope` AS (
  SELECT
    `c`.`descendant` AS `code`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = %(org)s AND `c`.`ancestor_level` = 4
)
SELECT
  (
    SELECT
      `r`.`ancestor_level`
    FROM `fk_org__org_unit` AS `r`
    WHERE
      `r`.`ancestor` = %(org)s AND `r`.`depth` = 0
  ) AS `_level`,
  `agg_assistance_recipient`.`a1` AS `recipients`,
  `agg_assistance_recipient`.`a2` AS `recipients_dibao`,
  `agg_assistance_recipient`.`a3` AS `recipients_tekun`,
  `agg_assistance_recipient`.`a4` AS `recipients_dibian`,
  CASE
    WHEN ABS(`agg_assistance_recipient`.`a5`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_assistance_recipient`.`a5`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_assistance_recipient`.`a5` AS DECIMAL(38, 10))
  END AS `amount_due`
FROM (
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
    END AS `a5`
  FROM `assistance_recipient` AS `t`
  JOIN `_scope`
    ON `t`.`community_code` = `_scope`.`code`
) AS `agg_assistance_recipient`
