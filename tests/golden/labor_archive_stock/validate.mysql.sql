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
  FROM `fk_labor_archive_stock_v3` AS `s`
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
    'received' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`received` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'received' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`received` IS NULL
    )
    AND (
      CAST(s.`received` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'released' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`released` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'released' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`released` IS NULL
    )
    AND (
      CAST(s.`released` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'unemp_in' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`unemp_in` IS NULL
    )
    AND (
      CAST(s.`unemp_in` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'unemp_out' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`unemp_out` IS NULL
    )
    AND (
      CAST(s.`unemp_out` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'hard_in' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`hard_in` IS NULL
    )
    AND (
      CAST(s.`hard_in` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'hard_out' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`hard_out` IS NULL
    )
    AND (
      CAST(s.`hard_out` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'xiebao_in' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`xiebao_in` IS NULL
    )
    AND (
      CAST(s.`xiebao_in` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'xiebao_out' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`xiebao_out` IS NULL
    )
    AND (
      CAST(s.`xiebao_out` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'flex_in' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`flex_in` IS NULL
    )
    AND (
      CAST(s.`flex_in` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'flex_out' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`flex_out` IS NULL
    )
    AND (
      CAST(s.`flex_out` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'retired_in' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`retired_in` IS NULL
    )
    AND (
      CAST(s.`retired_in` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'retired_out' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`retired_out` IS NULL
    )
    AND (
      CAST(s.`retired_out` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'stock_not_negative' AS `rule`,
    'error' AS `severity`,
    'closing' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(CAST(s.`closing` AS DECIMAL(38, 10)) >= CAST(0 AS DECIMAL(38, 10)), TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'category_stock_not_negative' AS `rule`,
    'error' AS `severity`,
    'unemp_closing' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        (
          (
            (
              (
                CAST(s.`unemp_closing` AS DECIMAL(38, 10)) >= CAST(0 AS DECIMAL(38, 10))
              )
              AND (
                CAST(s.`hard_closing` AS DECIMAL(38, 10)) >= CAST(0 AS DECIMAL(38, 10))
              )
            )
            AND (
              CAST(s.`xiebao_closing` AS DECIMAL(38, 10)) >= CAST(0 AS DECIMAL(38, 10))
            )
          )
          AND (
            CAST(s.`flex_closing` AS DECIMAL(38, 10)) >= CAST(0 AS DECIMAL(38, 10))
          )
        )
        AND (
          CAST(s.`retired_closing` AS DECIMAL(38, 10)) >= CAST(0 AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'categories_within_received' AS `rule`,
    'error' AS `severity`,
    'received' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(CAST(s.`other_in` AS DECIMAL(38, 10)) >= CAST(0 AS DECIMAL(38, 10)), TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'categories_within_released' AS `rule`,
    'error' AS `severity`,
    'released' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(CAST(s.`other_out` AS DECIMAL(38, 10)) >= CAST(0 AS DECIMAL(38, 10)), TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'categories_within_stock' AS `rule`,
    'error' AS `severity`,
    'opening' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(CAST(s.`other_closing` AS DECIMAL(38, 10)) >= CAST(0 AS DECIMAL(38, 10)), TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'large_turnover' AS `rule`,
    'warning' AS `severity`,
    'released' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CASE
          WHEN ABS(
            CAST(CAST(s.`opening` AS DECIMAL(38, 10)) * CAST(0.3 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
          ) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(
                CAST(CAST(s.`opening` AS DECIMAL(38, 10)) * CAST(0.3 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
            )
          ) AS SIGNED)
          ELSE CAST(s.`released` AS DECIMAL(38, 10)) <= CAST(CAST(s.`opening` AS DECIMAL(38, 10)) * CAST(0.3 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
        END,
        TRUE
      )
    )
) AS `v`
