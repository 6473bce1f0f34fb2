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
  FROM `fk_elderly_care_facilities_v2` AS `s`
  WHERE
    s.`org` IN (
      SELECT
        _tree.`code`
      FROM `_tree`
    )
), `_checks`(`g`, `n`, `rule`, `severity`, `field`, `row`, `col`, `at_row`) AS (
  VALUES
    (0, 1, 'required', 'error', 'new_beds', NULL, NULL, 0),
    (0, 2, 'min', 'error', 'new_beds', NULL, NULL, 0),
    (0, 3, 'required', 'error', 'daycare_visits', NULL, NULL, 0),
    (0, 4, 'min', 'error', 'daycare_visits', NULL, NULL, 0),
    (0, 5, 'required', 'error', 'meals_served', NULL, NULL, 0),
    (0, 6, 'min', 'error', 'meals_served', NULL, NULL, 0),
    (0, 7, 'min', 'error', 'meal_subsidy', NULL, NULL, 0),
    (0, 8, 'required', 'error', 'center_visits', NULL, NULL, 0),
    (0, 9, 'min', 'error', 'center_visits', NULL, NULL, 0),
    (0, 10, 'required', 'error', 'safety_checks', NULL, NULL, 0),
    (0, 11, 'min', 'error', 'safety_checks', NULL, NULL, 0),
    (0, 12, 'required', 'error', 'hazards', NULL, NULL, 0),
    (0, 13, 'min', 'error', 'hazards', NULL, NULL, 0),
    (0, 14, 'required', 'error', 'hazards_fixed', NULL, NULL, 0),
    (0, 15, 'min', 'error', 'hazards_fixed', NULL, NULL, 0),
    (0, 16, 'max', 'error', 'hazards_fixed', NULL, NULL, 0),
    (0, 17, 'occupied_within_beds', 'error', 'occupied', NULL, NULL, 0),
    (0, 18, 'nursing_beds_within_beds', 'error', 'nursing_beds', NULL, NULL, 0),
    (0, 19, 'breakdown_within_homes', 'error', 'inst_public', NULL, NULL, 0),
    (0, 20, 'certified_within_nurses', 'error', 'certified', NULL, NULL, 0),
    (0, 21, 'hazards_need_inspection', 'error', 'hazards', NULL, NULL, 0),
    (0, 22, 'nursing_bed_target', 'info', 'nursing_bed_rate', NULL, NULL, 0),
    (0, 23, 'meals_within_capacity', 'warning', 'meals_served', NULL, NULL, 0)
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
            s.`new_beds` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`new_beds` IS NULL
            ) AND (
              s.`new_beds` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`daycare_visits` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`daycare_visits` IS NULL
            ) AND (
              s.`daycare_visits` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`meals_served` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`meals_served` IS NULL
            ) AND (
              s.`meals_served` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`meal_subsidy` IS NULL
            ) AND (
              s.`meal_subsidy` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`center_visits` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`center_visits` IS NULL
            ) AND (
              s.`center_visits` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`safety_checks` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`safety_checks` IS NULL
            ) AND (
              s.`safety_checks` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`hazards` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`hazards` IS NULL
            ) AND (
              s.`hazards` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`hazards_fixed` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`hazards_fixed` IS NULL
            ) AND (
              s.`hazards_fixed` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`hazards_fixed` IS NULL
            ) AND (
              s.`hazards_fixed` > s.`hazards`
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            NOT COALESCE(s.`occupied` <= s.`beds`, TRUE)
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT COALESCE(s.`nursing_beds` <= s.`beds`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                (
                  s.`inst_public` <= s.`inst_count`
                )
                AND (
                  s.`inst_medical` <= s.`inst_count`
                ),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE((
                s.`certified` <= s.`nurses`
              ) AND (
                s.`nurses` <= s.`staff_total`
              ), TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE((
                s.`hazards` = 0
              ) OR (
                s.`safety_checks` > 0
              ), TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(CAST(s.`nursing_bed_rate` AS DECIMAL(38, 10)) >= CAST(60 AS DECIMAL(38, 10)), TRUE)
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
                        CAST(s.`meal_capacity` AS DECIMAL(38, 10)) * CAST(CAST(92 AS DECIMAL(38, 10)) - (
                          CAST(92 AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0))
                      ) + (
                        CAST(CAST(s.`meal_capacity` AS DECIMAL(38, 10)) - (
                          CAST(s.`meal_capacity` AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0)) * (
                          CAST(92 AS DECIMAL(38, 10)) % 1
                        )
                      )
                    ) + ROUND(
                      (
                        CAST(s.`meal_capacity` AS DECIMAL(38, 10)) % 1
                      ) * (
                        CAST(92 AS DECIMAL(38, 10)) % 1
                      ),
                      10
                    )
                  ) >= -2147483648
                  THEN CAST(s.`meals_served` AS DECIMAL(38, 10)) <= (
                    (
                      (
                        CAST(s.`meal_capacity` AS DECIMAL(38, 10)) * CAST(CAST(92 AS DECIMAL(38, 10)) - (
                          CAST(92 AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0))
                      ) + (
                        CAST(CAST(s.`meal_capacity` AS DECIMAL(38, 10)) - (
                          CAST(s.`meal_capacity` AS DECIMAL(38, 10)) % 1
                        ) AS DECIMAL(38, 0)) * (
                          CAST(92 AS DECIMAL(38, 10)) % 1
                        )
                      )
                    ) + ROUND(
                      (
                        CAST(s.`meal_capacity` AS DECIMAL(38, 10)) % 1
                      ) * (
                        CAST(92 AS DECIMAL(38, 10)) % 1
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
