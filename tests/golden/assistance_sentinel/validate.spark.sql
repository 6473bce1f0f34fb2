-- parameters: org
WITH `_tree` AS (
  SELECT
    `c`.`descendant` AS `code`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = :org
), `_scope` AS (
  SELECT
    `s`.*
  FROM `fk_assistance_sentinel_v2` AS `s`
  WHERE
    s.`org` IN (
      SELECT
        _tree.`code`
      FROM `_tree`
    )
), `_checks`(`g`, `n`, `rule`, `severity`, `field`, `row`, `col`, `at_row`) AS (
  VALUES
    (0, 1, 'required', 'error', 'sentinel', NULL, 'result', 1),
    (0, 2, 'choices', 'error', 'sentinel', NULL, 'result', 1),
    (0, 3, 'required', 'error', 'sentinel', NULL, 'method', 1),
    (0, 4, 'choices', 'error', 'sentinel', NULL, 'method', 1),
    (0, 5, 'required', 'error', 'sentinel', NULL, 'stop_date', 1),
    (0, 6, 'required', 'error', 'sentinel', NULL, 'new_amount', 1),
    (0, 7, 'min', 'error', 'sentinel', NULL, 'new_amount', 1),
    (0, 8, 'min', 'error', 'sentinel', NULL, 'recover_amount', 1),
    (0, 9, 'required', 'error', 'sentinel', NULL, 'note', 1),
    (0, 10, 'death_means_stop', 'warning', 'sentinel', NULL, 'result', 1),
    (0, 11, 'stop_after_start', 'error', 'sentinel', NULL, 'stop_date', 1),
    (0, 12, 'change_changes_amount', 'warning', 'sentinel', NULL, 'new_amount', 1),
    (1, 1, 'warning_rate_plausible', 'warning', 'warning_rate', NULL, NULL, 0)
)
SELECT
  *
FROM (
  SELECT
    f.`submission_id`,
    f.`org`,
    f.`period`,
    CAST(k.`rule` AS STRING) AS `rule`,
    CAST(k.`severity` AS STRING) AS `severity`,
    CAST(k.`field` AS STRING) AS `field`,
    CASE
      WHEN k.`at_row` = 1
      THEN CAST(f.`row_no` - 1 AS STRING)
      ELSE CAST(k.`row` AS STRING)
    END AS `row`,
    CAST(k.`col` AS STRING) AS `col`
  FROM (
    SELECT
      s.`submission_id`,
      s.`org`,
      s.`period`,
      c.`row_no`,
      (
        CONCAT(
          CASE WHEN (
            c.`result` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT c.`result` IS NULL
            )
            AND (
              NOT c.`result` IN ('change', 'confirmed', 'stop')
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            c.`method` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT c.`method` IS NULL
            )
            AND (
              NOT c.`method` IN ('phone', 'records', 'visit')
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              c.`result` = 'stop'
            )
            AND (
              c.`result` = 'stop'
            )
            AND (
              c.`stop_date` IS NULL
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              c.`result` = 'change'
            )
            AND (
              c.`result` = 'change'
            )
            AND (
              c.`new_amount` IS NULL
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              c.`result` = 'change'
            )
            AND (
              NOT c.`new_amount` IS NULL
            )
            AND (
              c.`new_amount` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              c.`result` IN ('stop', 'change')
            )
            AND (
              NOT c.`recover_amount` IS NULL
            )
            AND (
              c.`recover_amount` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              c.`result` = 'confirmed'
            ) AND (
              c.`note` IS NULL
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE((
                c.`death_date` IS NULL
              ) OR (
                c.`result` = 'stop'
              ), TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(c.`stop_date` >= c.`start_date`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                CAST(c.`new_amount` AS DECIMAL(38, 10)) <> CAST(c.`monthly_amount` AS DECIMAL(38, 10)),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END
        )
      ) AS `flags`
    FROM `_scope` AS `s`
    JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
      ON c.`submission_id` = s.`submission_id`
  ) AS `f`
  JOIN `_checks` AS `k`
    ON k.`g` = 0 AND SUBSTRING(f.`flags`, k.`n`, 1) = '1'
  UNION ALL
  SELECT
    f.`submission_id`,
    f.`org`,
    f.`period`,
    CAST(k.`rule` AS STRING) AS `rule`,
    CAST(k.`severity` AS STRING) AS `severity`,
    CAST(k.`field` AS STRING) AS `field`,
    CAST(k.`row` AS STRING) AS `row`,
    CAST(k.`col` AS STRING) AS `col`
  FROM (
    SELECT
      s.`submission_id`,
      s.`org`,
      s.`period`,
      CASE
        WHEN (
          NOT COALESCE(CAST(s.`warning_rate` AS DECIMAL(38, 10)) <= CAST(20 AS DECIMAL(38, 10)), TRUE)
        )
        THEN '1'
        ELSE '0'
      END AS `flags`
    FROM `_scope` AS `s`
  ) AS `f`
  JOIN `_checks` AS `k`
    ON k.`g` = 1 AND SUBSTRING(f.`flags`, k.`n`, 1) = '1'
) AS `v`
