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
  FROM `fk_elderly_population_grid_v1` AS `s`
  WHERE
    s.`org` IN (
      SELECT
        _tree.`code`
      FROM `_tree`
    )
), `_checks`(`g`, `n`, `rule`, `severity`, `field`, `row`, `col`, `at_row`) AS (
  VALUES
    (0, 1, 'required', 'error', 'alone_visits', NULL, NULL, 0),
    (0, 2, 'min', 'error', 'alone_visits', NULL, NULL, 0),
    (0, 3, 'required', 'error', 'allowance_recipients', NULL, NULL, 0),
    (0, 4, 'min', 'error', 'allowance_recipients', NULL, NULL, 0),
    (0, 5, 'max', 'error', 'allowance_recipients', NULL, NULL, 0),
    (0, 6, 'elderly_within_population', 'error', 'elderly', 'total', 'all', 0),
    (0, 7, 'alone_need_visits', 'warning', 'alone_visits', NULL, NULL, 0)
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
    CAST(k.`row` AS STRING) AS `row`,
    CAST(k.`col` AS STRING) AS `col`
  FROM (
    SELECT
      s.`submission_id`,
      s.`org`,
      s.`period`,
      (
        CONCAT(
          CASE WHEN (
            s.`alone_visits` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`alone_visits` IS NULL
            ) AND (
              s.`alone_visits` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`allowance_recipients` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`allowance_recipients` IS NULL
            ) AND (
              s.`allowance_recipients` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`allowance_recipients` IS NULL
            )
            AND (
              CAST(s.`allowance_recipients` AS DECIMAL(38, 10)) > CASE
                WHEN HASH(
                  CAST(s.`elderly__age_80_89__all` AS DECIMAL(38, 10)) + CAST(s.`elderly__age_90_99__all` AS DECIMAL(38, 10))
                ) >= -2147483648
                THEN (
                  CAST(s.`elderly__age_80_89__all` AS DECIMAL(38, 10)) + CAST(s.`elderly__age_90_99__all` AS DECIMAL(38, 10))
                ) + CAST(s.`elderly__age_100__all` AS DECIMAL(38, 10))
                ELSE CAST(RAISE_ERROR('formkit: unreachable') AS DECIMAL(38, 10))
              END
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                CAST(s.`elderly__total__all` AS DECIMAL(38, 10)) <= CAST(s.`population` AS DECIMAL(38, 10)),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                (
                  CAST(s.`elderly__total__alone` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
                )
                OR (
                  CAST(s.`alone_visits` AS DECIMAL(38, 10)) >= CAST(s.`elderly__total__alone` AS DECIMAL(38, 10))
                ),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END
        )
      ) AS `flags`
    FROM `_scope` AS `s`
  ) AS `f`
  JOIN `_checks` AS `k`
    ON k.`g` = 0 AND SUBSTRING(f.`flags`, k.`n`, 1) = '1'
) AS `v`
