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
  FROM `fk_labor_archive_stock_v3` AS `s`
  WHERE
    s.`org` IN (
      SELECT
        _tree.`code`
      FROM `_tree`
    )
), `_checks`(`g`, `n`, `rule`, `severity`, `field`, `row`, `col`, `at_row`) AS (
  VALUES
    (0, 1, 'required', 'error', 'received', NULL, NULL, 0),
    (0, 2, 'min', 'error', 'received', NULL, NULL, 0),
    (0, 3, 'required', 'error', 'released', NULL, NULL, 0),
    (0, 4, 'min', 'error', 'released', NULL, NULL, 0),
    (0, 5, 'min', 'error', 'unemp_in', NULL, NULL, 0),
    (0, 6, 'min', 'error', 'unemp_out', NULL, NULL, 0),
    (0, 7, 'min', 'error', 'hard_in', NULL, NULL, 0),
    (0, 8, 'min', 'error', 'hard_out', NULL, NULL, 0),
    (0, 9, 'min', 'error', 'xiebao_in', NULL, NULL, 0),
    (0, 10, 'min', 'error', 'xiebao_out', NULL, NULL, 0),
    (0, 11, 'min', 'error', 'flex_in', NULL, NULL, 0),
    (0, 12, 'min', 'error', 'flex_out', NULL, NULL, 0),
    (0, 13, 'min', 'error', 'retired_in', NULL, NULL, 0),
    (0, 14, 'min', 'error', 'retired_out', NULL, NULL, 0),
    (0, 15, 'stock_not_negative', 'error', 'closing', NULL, NULL, 0),
    (0, 16, 'category_stock_not_negative', 'error', 'unemp_closing', NULL, NULL, 0),
    (0, 17, 'categories_within_received', 'error', 'received', NULL, NULL, 0),
    (0, 18, 'categories_within_released', 'error', 'released', NULL, NULL, 0),
    (0, 19, 'categories_within_stock', 'error', 'opening', NULL, NULL, 0),
    (0, 20, 'large_turnover', 'warning', 'released', NULL, NULL, 0)
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
            s.`received` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`received` IS NULL
            ) AND (
              s.`received` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`released` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`released` IS NULL
            ) AND (
              s.`released` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`unemp_in` IS NULL
            ) AND (
              s.`unemp_in` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`unemp_out` IS NULL
            ) AND (
              s.`unemp_out` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`hard_in` IS NULL
            ) AND (
              s.`hard_in` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`hard_out` IS NULL
            ) AND (
              s.`hard_out` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`xiebao_in` IS NULL
            ) AND (
              s.`xiebao_in` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`xiebao_out` IS NULL
            ) AND (
              s.`xiebao_out` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`flex_in` IS NULL
            ) AND (
              s.`flex_in` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`flex_out` IS NULL
            ) AND (
              s.`flex_out` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`retired_in` IS NULL
            ) AND (
              s.`retired_in` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`retired_out` IS NULL
            ) AND (
              s.`retired_out` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            NOT COALESCE(s.`closing` >= 0, TRUE)
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT COALESCE(
                (
                  (
                    (
                      (
                        s.`unemp_closing` >= 0
                      ) AND (
                        s.`hard_closing` >= 0
                      )
                    )
                    AND (
                      s.`xiebao_closing` >= 0
                    )
                  )
                  AND (
                    s.`flex_closing` >= 0
                  )
                )
                AND (
                  s.`retired_closing` >= 0
                ),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            NOT COALESCE(s.`other_in` >= 0, TRUE)
          ) THEN '1' ELSE '0' END,
          CASE WHEN (
            NOT COALESCE(s.`other_out` >= 0, TRUE)
          ) THEN '1' ELSE '0' END,
          CASE WHEN (
            NOT COALESCE(s.`other_closing` >= 0, TRUE)
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT COALESCE(
                CASE
                  WHEN HASH(
                    (
                      (
                        CAST(s.`opening` AS DECIMAL(38, 10)) * CAST(CAST(0.3 AS DECIMAL(38, 10)) - (
                          CAST(0.3 AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0))
                      ) + (
                        CAST(CAST(s.`opening` AS DECIMAL(38, 10)) - (
                          CAST(s.`opening` AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0)) * (
                          CAST(0.3 AS DECIMAL(38, 10)) % 1
                        )
                      )
                    ) + ROUND(
                      (
                        CAST(s.`opening` AS DECIMAL(38, 10)) % 1
                      ) * (
                        CAST(0.3 AS DECIMAL(38, 10)) % 1
                      ),
                      10
                    )
                  ) >= -2147483648
                  THEN CAST(s.`released` AS DECIMAL(38, 10)) <= (
                    (
                      (
                        CAST(s.`opening` AS DECIMAL(38, 10)) * CAST(CAST(0.3 AS DECIMAL(38, 10)) - (
                          CAST(0.3 AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0))
                      ) + (
                        CAST(CAST(s.`opening` AS DECIMAL(38, 10)) - (
                          CAST(s.`opening` AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0)) * (
                          CAST(0.3 AS DECIMAL(38, 10)) % 1
                        )
                      )
                    ) + ROUND(
                      (
                        CAST(s.`opening` AS DECIMAL(38, 10)) % 1
                      ) * (
                        CAST(0.3 AS DECIMAL(38, 10)) % 1
                      ),
                      10
                    )
                  )
                  ELSE CAST(RAISE_ERROR('formkit: unreachable') AS BOOLEAN)
                END,
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
