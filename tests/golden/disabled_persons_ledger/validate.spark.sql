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
  FROM `fk_disabled_persons_ledger_v1` AS `s`
  WHERE
    s.`org` IN (
      SELECT
        _tree.`code`
      FROM `_tree`
    )
), `_checks`(`g`, `n`, `rule`, `severity`, `field`, `row`, `col`, `at_row`) AS (
  VALUES
    (0, 1, 'required', 'error', 'severe', NULL, 'subsidy', 1),
    (0, 2, 'min', 'error', 'severe', NULL, 'subsidy', 1),
    (0, 3, 'max', 'error', 'severe', NULL, 'subsidy', 1),
    (0, 4, 'required', 'error', 'severe', NULL, 'change_reason', 1),
    (0, 5, 'choices', 'error', 'severe', NULL, 'change_reason', 1),
    (0, 6, 'nursing_needs_valid_cert', 'error', 'severe', NULL, 'subsidy', 1),
    (0, 7, 'nursing_large_change', 'warning', 'severe', NULL, 'subsidy', 1),
    (1, 1, 'required', 'error', 'poor', NULL, 'subsidy', 1),
    (1, 2, 'min', 'error', 'poor', NULL, 'subsidy', 1),
    (1, 3, 'max', 'error', 'poor', NULL, 'subsidy', 1),
    (1, 4, 'required', 'error', 'poor', NULL, 'change_reason', 1),
    (1, 5, 'choices', 'error', 'poor', NULL, 'change_reason', 1),
    (1, 6, 'living_needs_valid_cert', 'error', 'poor', NULL, 'subsidy', 1),
    (1, 7, 'living_large_change', 'warning', 'poor', NULL, 'subsidy', 1),
    (2, 1, 'expired_certificates', 'info', 'cert_expired', NULL, NULL, 0)
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
            c.`subsidy` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT c.`subsidy` IS NULL
            ) AND (
              c.`subsidy` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT c.`subsidy` IS NULL
            ) AND (
              c.`subsidy` > 1000
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              CAST(c.`change` AS DECIMAL(38, 10)) <> CAST(0 AS DECIMAL(38, 10))
            )
            AND (
              c.`change_reason` IS NULL
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT c.`change_reason` IS NULL
            )
            AND (
              NOT c.`change_reason` IN ('cert', 'death', 'grade', 'moved', 'new', 'other', 'standard')
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                (
                  c.`cert` = 'valid'
                )
                OR (
                  CAST(c.`subsidy` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
                ),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(ABS(CAST(c.`change` AS DECIMAL(38, 10))) <= CAST(200 AS DECIMAL(38, 10)), TRUE)
            )
            THEN '1'
            ELSE '0'
          END
        )
      ) AS `flags`
    FROM `_scope` AS `s`
    JOIN `fk_disabled_persons_ledger_v1__severe` AS `c`
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
            c.`subsidy` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT c.`subsidy` IS NULL
            ) AND (
              c.`subsidy` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT c.`subsidy` IS NULL
            ) AND (
              c.`subsidy` > 1000
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              CAST(c.`change` AS DECIMAL(38, 10)) <> CAST(0 AS DECIMAL(38, 10))
            )
            AND (
              c.`change_reason` IS NULL
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT c.`change_reason` IS NULL
            )
            AND (
              NOT c.`change_reason` IN ('cert', 'death', 'econ', 'moved', 'new', 'other', 'standard')
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                (
                  c.`cert` = 'valid'
                )
                OR (
                  CAST(c.`subsidy` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
                ),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(ABS(CAST(c.`change` AS DECIMAL(38, 10))) <= CAST(200 AS DECIMAL(38, 10)), TRUE)
            )
            THEN '1'
            ELSE '0'
          END
        )
      ) AS `flags`
    FROM `_scope` AS `s`
    JOIN `fk_disabled_persons_ledger_v1__poor` AS `c`
      ON c.`submission_id` = s.`submission_id`
  ) AS `f`
  JOIN `_checks` AS `k`
    ON k.`g` = 1 AND SUBSTRING(f.`flags`, k.`n`, 1) = '1'
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
      CASE WHEN (
        NOT COALESCE(s.`cert_expired` = 0, TRUE)
      ) THEN '1' ELSE '0' END AS `flags`
    FROM `_scope` AS `s`
  ) AS `f`
  JOIN `_checks` AS `k`
    ON k.`g` = 2 AND SUBSTRING(f.`flags`, k.`n`, 1) = '1'
) AS `v`
