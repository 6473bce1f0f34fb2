-- parameters: org
WITH RECURSIVE `_tree`(`code`, `level`) AS (
  SELECT
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  WHERE
    `o`.`code` = %(org)s
  UNION ALL
  SELECT
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  JOIN `_tree`
    ON `o`.`parent_code` = `_tree`.`code` AND `o`.`level` > `_tree`.`level`
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
)
SELECT
  *
FROM (
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'severe' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__severe` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`subsidy` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'severe' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__severe` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`subsidy` IS NULL
    )
    AND (
      CAST(c.`subsidy` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'max' AS `rule`,
    'error' AS `severity`,
    'severe' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__severe` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`subsidy` IS NULL
    )
    AND (
      CAST(c.`subsidy` AS DECIMAL(38, 10)) > CAST(1000 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'severe' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'change_reason' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__severe` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      CAST(c.`change` AS DECIMAL(38, 10)) <> CAST(0 AS DECIMAL(38, 10))
    )
    AND (
      c.`change_reason` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'choices' AS `rule`,
    'error' AS `severity`,
    'severe' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'change_reason' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__severe` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`change_reason` IS NULL
    )
    AND (
      NOT c.`change_reason` COLLATE utf8mb4_nopad_bin IN ('cert', 'death', 'grade', 'moved', 'new', 'other', 'standard')
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'poor' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__poor` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`subsidy` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'poor' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__poor` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`subsidy` IS NULL
    )
    AND (
      CAST(c.`subsidy` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'max' AS `rule`,
    'error' AS `severity`,
    'poor' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__poor` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`subsidy` IS NULL
    )
    AND (
      CAST(c.`subsidy` AS DECIMAL(38, 10)) > CAST(1000 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'poor' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'change_reason' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__poor` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      CAST(c.`change` AS DECIMAL(38, 10)) <> CAST(0 AS DECIMAL(38, 10))
    )
    AND (
      c.`change_reason` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'choices' AS `rule`,
    'error' AS `severity`,
    'poor' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'change_reason' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__poor` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`change_reason` IS NULL
    )
    AND (
      NOT c.`change_reason` COLLATE utf8mb4_nopad_bin IN ('cert', 'death', 'econ', 'moved', 'new', 'other', 'standard')
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'nursing_needs_valid_cert' AS `rule`,
    'error' AS `severity`,
    'severe' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__severe` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT COALESCE(
        (
          c.`cert` COLLATE utf8mb4_nopad_bin = 'valid'
        )
        OR (
          CAST(c.`subsidy` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'nursing_large_change' AS `rule`,
    'warning' AS `severity`,
    'severe' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__severe` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT COALESCE(ABS(CAST(c.`change` AS DECIMAL(38, 10))) <= CAST(200 AS DECIMAL(38, 10)), TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'living_needs_valid_cert' AS `rule`,
    'error' AS `severity`,
    'poor' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__poor` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT COALESCE(
        (
          c.`cert` COLLATE utf8mb4_nopad_bin = 'valid'
        )
        OR (
          CAST(c.`subsidy` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'living_large_change' AS `rule`,
    'warning' AS `severity`,
    'poor' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    'subsidy' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_disabled_persons_ledger_v1__poor` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT COALESCE(ABS(CAST(c.`change` AS DECIMAL(38, 10))) <= CAST(200 AS DECIMAL(38, 10)), TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'expired_certificates' AS `rule`,
    'info' AS `severity`,
    'cert_expired' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(CAST(s.`cert_expired` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10)), TRUE)
    )
) AS `v`
