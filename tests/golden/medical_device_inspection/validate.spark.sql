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
  FROM `fk_medical_device_inspection_v1` AS `s`
  WHERE
    s.`org` IN (
      SELECT
        _tree.`code`
      FROM `_tree`
    )
), `_checks`(`g`, `n`, `rule`, `severity`, `field`, `row`, `col`, `at_row`) AS (
  VALUES
    (0, 1, 'required', 'error', 'insp_class1', NULL, NULL, 0),
    (0, 2, 'min', 'error', 'insp_class1', NULL, NULL, 0),
    (0, 3, 'required', 'error', 'insp_class2', NULL, NULL, 0),
    (0, 4, 'min', 'error', 'insp_class2', NULL, NULL, 0),
    (0, 5, 'required', 'error', 'insp_class3', NULL, NULL, 0),
    (0, 6, 'min', 'error', 'insp_class3', NULL, NULL, 0),
    (0, 7, 'min', 'error', 'flight_checks', NULL, NULL, 0),
    (0, 8, 'max', 'error', 'flight_checks', NULL, NULL, 0),
    (0, 9, 'required', 'error', 'insp_enterprises', NULL, NULL, 0),
    (0, 10, 'min', 'error', 'insp_enterprises', NULL, NULL, 0),
    (0, 11, 'required', 'error', 'insp_key', NULL, NULL, 0),
    (0, 12, 'min', 'error', 'insp_key', NULL, NULL, 0),
    (0, 13, 'max', 'error', 'insp_key', NULL, NULL, 0),
    (0, 14, 'required', 'error', 'inspectors', NULL, NULL, 0),
    (0, 15, 'min', 'error', 'inspectors', NULL, NULL, 0),
    (0, 16, 'required', 'error', 'problem_enterprises', NULL, NULL, 0),
    (0, 17, 'min', 'error', 'problem_enterprises', NULL, NULL, 0),
    (0, 18, 'required', 'error', 'problem_items', NULL, NULL, 0),
    (0, 19, 'min', 'error', 'problem_items', NULL, NULL, 0),
    (0, 20, 'required', 'error', 'rectify_ordered', NULL, NULL, 0),
    (0, 21, 'min', 'error', 'rectify_ordered', NULL, NULL, 0),
    (0, 22, 'required', 'error', 'rectified', NULL, NULL, 0),
    (0, 23, 'min', 'error', 'rectified', NULL, NULL, 0),
    (0, 24, 'max', 'error', 'rectified', NULL, NULL, 0),
    (0, 25, 'min', 'error', 'suspension_ordered', NULL, NULL, 0),
    (0, 26, 'required', 'error', 'cases', NULL, NULL, 0),
    (0, 27, 'min', 'error', 'cases', NULL, NULL, 0),
    (0, 28, 'min', 'error', 'transferred', NULL, NULL, 0),
    (0, 29, 'min', 'error', 'fines', NULL, NULL, 0),
    (0, 30, 'classes_add_up', 'error', 'ent_total', NULL, NULL, 0),
    (0, 31, 'breakdowns_within_total', 'error', 'ent_suspended', NULL, NULL, 0),
    (
      0,
      32,
      'enterprises_within_inspections',
      'error',
      'insp_enterprises',
      NULL,
      NULL,
      0
    ),
    (
      0,
      33,
      'enterprises_within_register',
      'warning',
      'insp_enterprises',
      NULL,
      NULL,
      0
    ),
    (0, 34, 'key_within_inspected', 'error', 'insp_key', NULL, NULL, 0),
    (
      0,
      35,
      'problems_within_inspected',
      'error',
      'problem_enterprises',
      NULL,
      NULL,
      0
    ),
    (0, 36, 'items_cover_problems', 'error', 'problem_items', NULL, NULL, 0),
    (0, 37, 'rectify_within_problems', 'error', 'rectify_ordered', NULL, NULL, 0),
    (0, 38, 'referrals_within_cases', 'error', 'transferred', NULL, NULL, 0),
    (0, 39, 'fines_need_case', 'error', 'fines', NULL, NULL, 0),
    (0, 40, 'two_inspectors', 'warning', 'inspectors', NULL, NULL, 0)
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
            s.`insp_class1` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`insp_class1` IS NULL
            ) AND (
              s.`insp_class1` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`insp_class2` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`insp_class2` IS NULL
            ) AND (
              s.`insp_class2` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`insp_class3` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`insp_class3` IS NULL
            ) AND (
              s.`insp_class3` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`flight_checks` IS NULL
            ) AND (
              s.`flight_checks` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`flight_checks` IS NULL
            ) AND (
              s.`flight_checks` > s.`insp_total`
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`insp_enterprises` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`insp_enterprises` IS NULL
            ) AND (
              s.`insp_enterprises` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`insp_key` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`insp_key` IS NULL
            ) AND (
              s.`insp_key` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`insp_key` IS NULL
            ) AND (
              s.`insp_key` > s.`ent_key`
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`inspectors` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`inspectors` IS NULL
            ) AND (
              s.`inspectors` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`problem_enterprises` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`problem_enterprises` IS NULL
            ) AND (
              s.`problem_enterprises` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`problem_items` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`problem_items` IS NULL
            ) AND (
              s.`problem_items` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`rectify_ordered` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`rectify_ordered` IS NULL
            ) AND (
              s.`rectify_ordered` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`rectified` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`rectified` IS NULL
            ) AND (
              s.`rectified` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`rectified` IS NULL
            ) AND (
              s.`rectified` > s.`rectify_ordered`
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`suspension_ordered` IS NULL
            ) AND (
              s.`suspension_ordered` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`cases` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE WHEN (
            NOT s.`cases` IS NULL
          ) AND (
            s.`cases` < 0
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`transferred` IS NULL
            ) AND (
              s.`transferred` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            NOT s.`fines` IS NULL
          ) AND (
            s.`fines` < 0
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT COALESCE(
                CASE
                  WHEN HASH(
                    CAST(s.`ent_class1` AS DECIMAL(38, 10)) + CAST(s.`ent_class2` AS DECIMAL(38, 10)),
                    (
                      CAST(s.`ent_class1` AS DECIMAL(38, 10)) + CAST(s.`ent_class2` AS DECIMAL(38, 10))
                    ) + CAST(s.`ent_class3` AS DECIMAL(38, 10))
                  ) >= -2147483648
                  THEN (
                    (
                      CAST(s.`ent_class1` AS DECIMAL(38, 10)) + CAST(s.`ent_class2` AS DECIMAL(38, 10))
                    ) + CAST(s.`ent_class3` AS DECIMAL(38, 10))
                  ) = CAST(s.`ent_total` AS DECIMAL(38, 10))
                  ELSE CAST(RAISE_ERROR('formkit: unreachable') AS BOOLEAN)
                END,
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
                  s.`ent_suspended` <= s.`ent_total`
                ) AND (
                  s.`ent_key` <= s.`ent_total`
                ),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(s.`insp_enterprises` <= s.`insp_total`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(s.`insp_enterprises` <= s.`ent_total`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(s.`insp_key` <= s.`insp_enterprises`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(s.`problem_enterprises` <= s.`insp_enterprises`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(s.`problem_items` >= s.`problem_enterprises`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                (
                  s.`rectify_ordered` <= s.`problem_enterprises`
                )
                AND (
                  s.`suspension_ordered` <= s.`problem_enterprises`
                ),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(s.`transferred` <= s.`cases`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                (
                  CAST(s.`fines` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
                )
                OR (
                  s.`cases` > 0
                ),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                CASE
                  WHEN HASH(
                    (
                      (
                        CAST(s.`insp_total` AS DECIMAL(38, 10)) * CAST(CAST(2 AS DECIMAL(38, 10)) - (
                          CAST(2 AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0))
                      ) + (
                        CAST(CAST(s.`insp_total` AS DECIMAL(38, 10)) - (
                          CAST(s.`insp_total` AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0)) * (
                          CAST(2 AS DECIMAL(38, 10)) % 1
                        )
                      )
                    ) + ROUND(
                      (
                        CAST(s.`insp_total` AS DECIMAL(38, 10)) % 1
                      ) * (
                        CAST(2 AS DECIMAL(38, 10)) % 1
                      ),
                      10
                    )
                  ) >= -2147483648
                  THEN CAST(s.`inspectors` AS DECIMAL(38, 10)) >= (
                    (
                      (
                        CAST(s.`insp_total` AS DECIMAL(38, 10)) * CAST(CAST(2 AS DECIMAL(38, 10)) - (
                          CAST(2 AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0))
                      ) + (
                        CAST(CAST(s.`insp_total` AS DECIMAL(38, 10)) - (
                          CAST(s.`insp_total` AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0)) * (
                          CAST(2 AS DECIMAL(38, 10)) % 1
                        )
                      )
                    ) + ROUND(
                      (
                        CAST(s.`insp_total` AS DECIMAL(38, 10)) % 1
                      ) * (
                        CAST(2 AS DECIMAL(38, 10)) % 1
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
