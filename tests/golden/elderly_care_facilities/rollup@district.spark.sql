-- parameters: org, period_1
WITH `_units` AS (
  SELECT
    `c`.`descendant` AS `unit`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = :org AND `c`.`descendant_level` = 2
), `_leaves` AS (
  SELECT
    `l`.`descendant` AS `leaf`,
    `u`.`ancestor` AS `unit`
  FROM `fk_org__org_unit` AS `l`
  INNER JOIN `fk_org__org_unit` AS `u`
    ON `u`.`descendant` = `l`.`descendant` AND `u`.`ancestor_level` = 2
  WHERE
    `l`.`ancestor` = :org AND `l`.`descendant_level` = 3
), `_subs` AS (
  SELECT
    `l`.`unit` AS `_unit`,
    `s`.`org` AS `_leaf`,
    CASE `s`.`period` WHEN :period_1 THEN 1 END AS `_pos`,
    `s`.`submission_id`,
    `s`.`inst_count`,
    `s`.`inst_public`,
    `s`.`inst_medical`,
    `s`.`beds`,
    `s`.`nursing_beds`,
    `s`.`occupied`,
    `s`.`avg_beds`,
    `s`.`occupancy_rate`,
    `s`.`nursing_bed_rate`,
    `s`.`new_beds`,
    `s`.`daycare_count`,
    `s`.`daycare_capacity`,
    `s`.`daycare_visits`,
    `s`.`meal_count`,
    `s`.`meal_capacity`,
    `s`.`meals_served`,
    `s`.`meal_subsidy`,
    `s`.`center_count`,
    `s`.`center_visits`,
    `s`.`staff_total`,
    `s`.`nurses`,
    `s`.`certified`,
    `s`.`certified_rate`,
    `s`.`safety_checks`,
    `s`.`hazards`,
    `s`.`hazards_fixed`,
    `s`.`fix_rate`,
    `s`.`remark`
  FROM `fk_elderly_care_facilities_v2` AS `s`
  JOIN `_leaves` AS `l`
    ON `s`.`org` = `l`.`leaf`
  WHERE
    `s`.`period` IN (:period_1) AND `s`.`state` IN ('submitted', 'approved')
), `_lv` AS (
  SELECT
    `_unit`,
    `_leaf`,
    1 AS `_n`,
    `inst_count`,
    `inst_public`,
    `inst_medical`,
    `beds`,
    `nursing_beds`,
    `occupied`,
    `avg_beds`,
    `occupancy_rate`,
    `nursing_bed_rate`,
    `new_beds`,
    `daycare_count`,
    `daycare_capacity`,
    `daycare_visits`,
    `meal_count`,
    `meal_capacity`,
    `meals_served`,
    `meal_subsidy`,
    `center_count`,
    `center_visits`,
    `staff_total`,
    `nurses`,
    `certified`,
    `certified_rate`,
    `safety_checks`,
    `hazards`,
    `hazards_fixed`,
    `fix_rate`,
    `remark`
  FROM `_subs`
), `_cover` AS (
  SELECT
    `_unit`,
    COUNT(*) AS `_expected`,
    NULLIF(ARRAY_JOIN(COLLECT_LIST(CASE WHEN `_done` = 0 THEN `_leaf` END), '\037'), '') AS `_missing`
  FROM (
    SELECT
      `_unit`,
      `_leaf`,
      MAX(`_done`) AS `_done`
    FROM (
      SELECT
        `unit` AS `_unit`,
        `leaf` AS `_leaf`,
        0 AS `_done`
      FROM `_leaves`
      UNION ALL
      SELECT
        `_unit`,
        `_leaf`,
        CASE WHEN `_n` = 1 THEN 1 ELSE 0 END AS `_done`
      FROM `_lv`
    ) AS `_e`
    GROUP BY
      `_unit`,
      `_leaf`
  ) AS `_k`
  GROUP BY
    `_unit`
), `_tree` AS (
  SELECT
    `c`.`descendant` AS `code`,
    COALESCE(`u`.`ancestor`, `c`.`descendant`) AS `unit`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  LEFT JOIN `fk_org__org_unit` AS `u`
    ON `u`.`descendant` = `c`.`descendant` AND `u`.`ancestor_level` = 2
  WHERE
    `c`.`ancestor` = :org
)
SELECT
  `a`.`_unit` AS `_unit`,
  COALESCE(`c`.`_expected`, 0) AS `_expected`,
  COALESCE(`a`.`_submitted`, 0) AS `_submitted`,
  `c`.`_missing`,
  `a`.`inst_count`,
  `a`.`inst_public`,
  `a`.`inst_medical`,
  `a`.`beds`,
  `a`.`nursing_beds`,
  `a`.`occupied`,
  `a`.`avg_beds`,
  `a`.`occupancy_rate`,
  `a`.`nursing_bed_rate`,
  `a`.`new_beds`,
  `a`.`daycare_count`,
  `a`.`daycare_capacity`,
  `a`.`daycare_visits`,
  `a`.`meal_count`,
  `a`.`meal_capacity`,
  `a`.`meals_served`,
  `a`.`meal_subsidy`,
  `a`.`center_count`,
  `a`.`center_visits`,
  `a`.`staff_total`,
  `a`.`nurses`,
  `a`.`certified`,
  `a`.`certified_rate`,
  `a`.`safety_checks`,
  `a`.`hazards`,
  `a`.`hazards_fixed`,
  `a`.`fix_rate`,
  `a`.`remark`
FROM (
  SELECT
    `_r1`.`_unit`,
    `_r1`.`_submitted`,
    `_r1`.`inst_count`,
    `_r1`.`inst_public`,
    `_r1`.`inst_medical`,
    `_r1`.`beds`,
    `_r1`.`nursing_beds`,
    `_r1`.`occupied`,
    `_r1`.`new_beds`,
    `_r1`.`daycare_count`,
    `_r1`.`daycare_capacity`,
    `_r1`.`daycare_visits`,
    `_r1`.`meal_count`,
    `_r1`.`meal_capacity`,
    `_r1`.`meals_served`,
    `_r1`.`meal_subsidy`,
    `_r1`.`center_count`,
    `_r1`.`center_visits`,
    `_r1`.`staff_total`,
    `_r1`.`nurses`,
    `_r1`.`certified`,
    `_r1`.`safety_checks`,
    `_r1`.`hazards`,
    `_r1`.`hazards_fixed`,
    `_r1`.`remark`,
    `_r1`.`avg_beds`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`beds` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`beds` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`occupied` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`beds` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`occupied` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`occupied` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`occupied` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`beds` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`beds` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`beds` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0))
                      )
                    ),
                    fk_s2 -> CAST(CAST((
                      (
                        CASE
                          WHEN (
                            fk_s2.v1
                          ) < 10000000000000000000
                          THEN CAST((
                            (
                              fk_s2.v0
                            ) - (
                              (
                                fk_s2.v0
                              ) % fk_s2.v1
                            )
                          ) / CAST(fk_s2.v1 AS DECIMAL(19, 0)) AS DECIMAL(28, 0))
                          ELSE CAST((
                            (
                              fk_s2.v0
                            ) - (
                              (
                                fk_s2.v0
                              ) % fk_s2.v1
                            )
                          ) / (
                            fk_s2.v1
                          ) AS DECIMAL(28, 0))
                        END * 10000000000
                      ) + CASE
                        WHEN (
                          fk_s2.v1
                        ) < 10000000000000000000000000000
                        THEN CAST((
                          (
                            (
                              fk_s2.v0
                            ) % fk_s2.v1
                          ) * 10000000000
                        ) DIV (
                          fk_s2.v1
                        ) AS DECIMAL(38, 0)) + CASE
                          WHEN (
                            (
                              (
                                (
                                  fk_s2.v0
                                ) % fk_s2.v1
                              ) * 10000000000
                            ) % fk_s2.v1
                          ) >= (
                            fk_s2.v1
                          ) - (
                            (
                              (
                                (
                                  fk_s2.v0
                                ) % fk_s2.v1
                              ) * 10000000000
                            ) % fk_s2.v1
                          )
                          THEN 1
                          ELSE 0
                        END
                        ELSE ELEMENT_AT(
                          TRANSFORM(
                            ARRAY(
                              NAMED_STRUCT(
                                'v0',
                                CAST((
                                  (
                                    fk_s2.v0
                                  ) % fk_s2.v1
                                ) DIV CAST((
                                  (
                                    fk_s2.v1
                                  ) - (
                                    (
                                      fk_s2.v1
                                    ) % 10000000000
                                  )
                                ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)),
                                'v1',
                                (
                                  (
                                    (
                                      (
                                        fk_s2.v0
                                      ) % fk_s2.v1
                                    ) % CAST((
                                      (
                                        fk_s2.v1
                                      ) - (
                                        (
                                          fk_s2.v1
                                        ) % 10000000000
                                      )
                                    ) / 10000000000 AS DECIMAL(38, 0))
                                  ) * 10000000000
                                ) - (
                                  CAST((
                                    (
                                      fk_s2.v0
                                    ) % fk_s2.v1
                                  ) DIV CAST((
                                    (
                                      fk_s2.v1
                                    ) - (
                                      (
                                        fk_s2.v1
                                      ) % 10000000000
                                    )
                                  ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * (
                                    (
                                      fk_s2.v1
                                    ) % 10000000000
                                  )
                                )
                              )
                            ),
                            fk_s3 -> CASE
                              WHEN (
                                fk_s3.v1
                              ) < 0
                              THEN (
                                (
                                  fk_s3.v0
                                ) - 1
                              ) + CASE
                                WHEN (
                                  (
                                    fk_s3.v1
                                  ) + (
                                    fk_s2.v1
                                  )
                                ) >= (
                                  fk_s2.v1
                                ) - (
                                  (
                                    fk_s3.v1
                                  ) + (
                                    fk_s2.v1
                                  )
                                )
                                THEN 1
                                ELSE 0
                              END
                              ELSE (
                                fk_s3.v0
                              ) + CASE WHEN (
                                fk_s3.v1
                              ) >= (
                                fk_s2.v1
                              ) - (
                                fk_s3.v1
                              ) THEN 1 ELSE 0 END
                            END
                          ),
                          1
                        )
                      END
                    ) * CASE
                      WHEN (
                        CAST(`_r1`.`occupied` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`beds` AS DECIMAL(38, 10)) < 0
                      )
                      THEN -1
                      ELSE 1
                    END AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                  ),
                  1
                )
              END
            ),
            fk_s1 -> (
              (
                fk_s1 * CAST(CAST(100 AS DECIMAL(38, 10)) - (
                  CAST(100 AS DECIMAL(38, 10)) % 1
                ) AS DECIMAL(38, 0))
              ) + (
                CAST(fk_s1 - (
                  fk_s1 % 1
                ) AS DECIMAL(38, 0)) * (
                  CAST(100 AS DECIMAL(38, 10)) % 1
                )
              )
            ) + ROUND((
              fk_s1 % 1
            ) * (
              CAST(100 AS DECIMAL(38, 10)) % 1
            ), 10)
          ),
          1
        ),
        2
      ) AS DECIMAL(38, 10)),
      2
    ) AS DECIMAL(38, 10)) AS `occupancy_rate`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`beds` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`beds` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`nursing_beds` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`beds` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`nursing_beds` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`nursing_beds` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`nursing_beds` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`beds` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`beds` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`beds` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0))
                      )
                    ),
                    fk_s2 -> CAST(CAST((
                      (
                        CASE
                          WHEN (
                            fk_s2.v1
                          ) < 10000000000000000000
                          THEN CAST((
                            (
                              fk_s2.v0
                            ) - (
                              (
                                fk_s2.v0
                              ) % fk_s2.v1
                            )
                          ) / CAST(fk_s2.v1 AS DECIMAL(19, 0)) AS DECIMAL(28, 0))
                          ELSE CAST((
                            (
                              fk_s2.v0
                            ) - (
                              (
                                fk_s2.v0
                              ) % fk_s2.v1
                            )
                          ) / (
                            fk_s2.v1
                          ) AS DECIMAL(28, 0))
                        END * 10000000000
                      ) + CASE
                        WHEN (
                          fk_s2.v1
                        ) < 10000000000000000000000000000
                        THEN CAST((
                          (
                            (
                              fk_s2.v0
                            ) % fk_s2.v1
                          ) * 10000000000
                        ) DIV (
                          fk_s2.v1
                        ) AS DECIMAL(38, 0)) + CASE
                          WHEN (
                            (
                              (
                                (
                                  fk_s2.v0
                                ) % fk_s2.v1
                              ) * 10000000000
                            ) % fk_s2.v1
                          ) >= (
                            fk_s2.v1
                          ) - (
                            (
                              (
                                (
                                  fk_s2.v0
                                ) % fk_s2.v1
                              ) * 10000000000
                            ) % fk_s2.v1
                          )
                          THEN 1
                          ELSE 0
                        END
                        ELSE ELEMENT_AT(
                          TRANSFORM(
                            ARRAY(
                              NAMED_STRUCT(
                                'v0',
                                CAST((
                                  (
                                    fk_s2.v0
                                  ) % fk_s2.v1
                                ) DIV CAST((
                                  (
                                    fk_s2.v1
                                  ) - (
                                    (
                                      fk_s2.v1
                                    ) % 10000000000
                                  )
                                ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)),
                                'v1',
                                (
                                  (
                                    (
                                      (
                                        fk_s2.v0
                                      ) % fk_s2.v1
                                    ) % CAST((
                                      (
                                        fk_s2.v1
                                      ) - (
                                        (
                                          fk_s2.v1
                                        ) % 10000000000
                                      )
                                    ) / 10000000000 AS DECIMAL(38, 0))
                                  ) * 10000000000
                                ) - (
                                  CAST((
                                    (
                                      fk_s2.v0
                                    ) % fk_s2.v1
                                  ) DIV CAST((
                                    (
                                      fk_s2.v1
                                    ) - (
                                      (
                                        fk_s2.v1
                                      ) % 10000000000
                                    )
                                  ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * (
                                    (
                                      fk_s2.v1
                                    ) % 10000000000
                                  )
                                )
                              )
                            ),
                            fk_s3 -> CASE
                              WHEN (
                                fk_s3.v1
                              ) < 0
                              THEN (
                                (
                                  fk_s3.v0
                                ) - 1
                              ) + CASE
                                WHEN (
                                  (
                                    fk_s3.v1
                                  ) + (
                                    fk_s2.v1
                                  )
                                ) >= (
                                  fk_s2.v1
                                ) - (
                                  (
                                    fk_s3.v1
                                  ) + (
                                    fk_s2.v1
                                  )
                                )
                                THEN 1
                                ELSE 0
                              END
                              ELSE (
                                fk_s3.v0
                              ) + CASE WHEN (
                                fk_s3.v1
                              ) >= (
                                fk_s2.v1
                              ) - (
                                fk_s3.v1
                              ) THEN 1 ELSE 0 END
                            END
                          ),
                          1
                        )
                      END
                    ) * CASE
                      WHEN (
                        CAST(`_r1`.`nursing_beds` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`beds` AS DECIMAL(38, 10)) < 0
                      )
                      THEN -1
                      ELSE 1
                    END AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                  ),
                  1
                )
              END
            ),
            fk_s1 -> (
              (
                fk_s1 * CAST(CAST(100 AS DECIMAL(38, 10)) - (
                  CAST(100 AS DECIMAL(38, 10)) % 1
                ) AS DECIMAL(38, 0))
              ) + (
                CAST(fk_s1 - (
                  fk_s1 % 1
                ) AS DECIMAL(38, 0)) * (
                  CAST(100 AS DECIMAL(38, 10)) % 1
                )
              )
            ) + ROUND((
              fk_s1 % 1
            ) * (
              CAST(100 AS DECIMAL(38, 10)) % 1
            ), 10)
          ),
          1
        ),
        2
      ) AS DECIMAL(38, 10)),
      2
    ) AS DECIMAL(38, 10)) AS `nursing_bed_rate`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`nurses` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`nurses` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`certified` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`nurses` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`certified` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`certified` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`certified` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`nurses` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`nurses` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`nurses` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0))
                      )
                    ),
                    fk_s2 -> CAST(CAST((
                      (
                        CASE
                          WHEN (
                            fk_s2.v1
                          ) < 10000000000000000000
                          THEN CAST((
                            (
                              fk_s2.v0
                            ) - (
                              (
                                fk_s2.v0
                              ) % fk_s2.v1
                            )
                          ) / CAST(fk_s2.v1 AS DECIMAL(19, 0)) AS DECIMAL(28, 0))
                          ELSE CAST((
                            (
                              fk_s2.v0
                            ) - (
                              (
                                fk_s2.v0
                              ) % fk_s2.v1
                            )
                          ) / (
                            fk_s2.v1
                          ) AS DECIMAL(28, 0))
                        END * 10000000000
                      ) + CASE
                        WHEN (
                          fk_s2.v1
                        ) < 10000000000000000000000000000
                        THEN CAST((
                          (
                            (
                              fk_s2.v0
                            ) % fk_s2.v1
                          ) * 10000000000
                        ) DIV (
                          fk_s2.v1
                        ) AS DECIMAL(38, 0)) + CASE
                          WHEN (
                            (
                              (
                                (
                                  fk_s2.v0
                                ) % fk_s2.v1
                              ) * 10000000000
                            ) % fk_s2.v1
                          ) >= (
                            fk_s2.v1
                          ) - (
                            (
                              (
                                (
                                  fk_s2.v0
                                ) % fk_s2.v1
                              ) * 10000000000
                            ) % fk_s2.v1
                          )
                          THEN 1
                          ELSE 0
                        END
                        ELSE ELEMENT_AT(
                          TRANSFORM(
                            ARRAY(
                              NAMED_STRUCT(
                                'v0',
                                CAST((
                                  (
                                    fk_s2.v0
                                  ) % fk_s2.v1
                                ) DIV CAST((
                                  (
                                    fk_s2.v1
                                  ) - (
                                    (
                                      fk_s2.v1
                                    ) % 10000000000
                                  )
                                ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)),
                                'v1',
                                (
                                  (
                                    (
                                      (
                                        fk_s2.v0
                                      ) % fk_s2.v1
                                    ) % CAST((
                                      (
                                        fk_s2.v1
                                      ) - (
                                        (
                                          fk_s2.v1
                                        ) % 10000000000
                                      )
                                    ) / 10000000000 AS DECIMAL(38, 0))
                                  ) * 10000000000
                                ) - (
                                  CAST((
                                    (
                                      fk_s2.v0
                                    ) % fk_s2.v1
                                  ) DIV CAST((
                                    (
                                      fk_s2.v1
                                    ) - (
                                      (
                                        fk_s2.v1
                                      ) % 10000000000
                                    )
                                  ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * (
                                    (
                                      fk_s2.v1
                                    ) % 10000000000
                                  )
                                )
                              )
                            ),
                            fk_s3 -> CASE
                              WHEN (
                                fk_s3.v1
                              ) < 0
                              THEN (
                                (
                                  fk_s3.v0
                                ) - 1
                              ) + CASE
                                WHEN (
                                  (
                                    fk_s3.v1
                                  ) + (
                                    fk_s2.v1
                                  )
                                ) >= (
                                  fk_s2.v1
                                ) - (
                                  (
                                    fk_s3.v1
                                  ) + (
                                    fk_s2.v1
                                  )
                                )
                                THEN 1
                                ELSE 0
                              END
                              ELSE (
                                fk_s3.v0
                              ) + CASE WHEN (
                                fk_s3.v1
                              ) >= (
                                fk_s2.v1
                              ) - (
                                fk_s3.v1
                              ) THEN 1 ELSE 0 END
                            END
                          ),
                          1
                        )
                      END
                    ) * CASE
                      WHEN (
                        CAST(`_r1`.`certified` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`nurses` AS DECIMAL(38, 10)) < 0
                      )
                      THEN -1
                      ELSE 1
                    END AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                  ),
                  1
                )
              END
            ),
            fk_s1 -> (
              (
                fk_s1 * CAST(CAST(100 AS DECIMAL(38, 10)) - (
                  CAST(100 AS DECIMAL(38, 10)) % 1
                ) AS DECIMAL(38, 0))
              ) + (
                CAST(fk_s1 - (
                  fk_s1 % 1
                ) AS DECIMAL(38, 0)) * (
                  CAST(100 AS DECIMAL(38, 10)) % 1
                )
              )
            ) + ROUND((
              fk_s1 % 1
            ) * (
              CAST(100 AS DECIMAL(38, 10)) % 1
            ), 10)
          ),
          1
        ),
        2
      ) AS DECIMAL(38, 10)),
      2
    ) AS DECIMAL(38, 10)) AS `certified_rate`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`hazards` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`hazards` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`hazards_fixed` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`hazards` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`hazards_fixed` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`hazards_fixed` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`hazards_fixed` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`hazards` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`hazards` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`hazards` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0))
                      )
                    ),
                    fk_s2 -> CAST(CAST((
                      (
                        CASE
                          WHEN (
                            fk_s2.v1
                          ) < 10000000000000000000
                          THEN CAST((
                            (
                              fk_s2.v0
                            ) - (
                              (
                                fk_s2.v0
                              ) % fk_s2.v1
                            )
                          ) / CAST(fk_s2.v1 AS DECIMAL(19, 0)) AS DECIMAL(28, 0))
                          ELSE CAST((
                            (
                              fk_s2.v0
                            ) - (
                              (
                                fk_s2.v0
                              ) % fk_s2.v1
                            )
                          ) / (
                            fk_s2.v1
                          ) AS DECIMAL(28, 0))
                        END * 10000000000
                      ) + CASE
                        WHEN (
                          fk_s2.v1
                        ) < 10000000000000000000000000000
                        THEN CAST((
                          (
                            (
                              fk_s2.v0
                            ) % fk_s2.v1
                          ) * 10000000000
                        ) DIV (
                          fk_s2.v1
                        ) AS DECIMAL(38, 0)) + CASE
                          WHEN (
                            (
                              (
                                (
                                  fk_s2.v0
                                ) % fk_s2.v1
                              ) * 10000000000
                            ) % fk_s2.v1
                          ) >= (
                            fk_s2.v1
                          ) - (
                            (
                              (
                                (
                                  fk_s2.v0
                                ) % fk_s2.v1
                              ) * 10000000000
                            ) % fk_s2.v1
                          )
                          THEN 1
                          ELSE 0
                        END
                        ELSE ELEMENT_AT(
                          TRANSFORM(
                            ARRAY(
                              NAMED_STRUCT(
                                'v0',
                                CAST((
                                  (
                                    fk_s2.v0
                                  ) % fk_s2.v1
                                ) DIV CAST((
                                  (
                                    fk_s2.v1
                                  ) - (
                                    (
                                      fk_s2.v1
                                    ) % 10000000000
                                  )
                                ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)),
                                'v1',
                                (
                                  (
                                    (
                                      (
                                        fk_s2.v0
                                      ) % fk_s2.v1
                                    ) % CAST((
                                      (
                                        fk_s2.v1
                                      ) - (
                                        (
                                          fk_s2.v1
                                        ) % 10000000000
                                      )
                                    ) / 10000000000 AS DECIMAL(38, 0))
                                  ) * 10000000000
                                ) - (
                                  CAST((
                                    (
                                      fk_s2.v0
                                    ) % fk_s2.v1
                                  ) DIV CAST((
                                    (
                                      fk_s2.v1
                                    ) - (
                                      (
                                        fk_s2.v1
                                      ) % 10000000000
                                    )
                                  ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * (
                                    (
                                      fk_s2.v1
                                    ) % 10000000000
                                  )
                                )
                              )
                            ),
                            fk_s3 -> CASE
                              WHEN (
                                fk_s3.v1
                              ) < 0
                              THEN (
                                (
                                  fk_s3.v0
                                ) - 1
                              ) + CASE
                                WHEN (
                                  (
                                    fk_s3.v1
                                  ) + (
                                    fk_s2.v1
                                  )
                                ) >= (
                                  fk_s2.v1
                                ) - (
                                  (
                                    fk_s3.v1
                                  ) + (
                                    fk_s2.v1
                                  )
                                )
                                THEN 1
                                ELSE 0
                              END
                              ELSE (
                                fk_s3.v0
                              ) + CASE WHEN (
                                fk_s3.v1
                              ) >= (
                                fk_s2.v1
                              ) - (
                                fk_s3.v1
                              ) THEN 1 ELSE 0 END
                            END
                          ),
                          1
                        )
                      END
                    ) * CASE
                      WHEN (
                        CAST(`_r1`.`hazards_fixed` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`hazards` AS DECIMAL(38, 10)) < 0
                      )
                      THEN -1
                      ELSE 1
                    END AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                  ),
                  1
                )
              END
            ),
            fk_s1 -> (
              (
                fk_s1 * CAST(CAST(100 AS DECIMAL(38, 10)) - (
                  CAST(100 AS DECIMAL(38, 10)) % 1
                ) AS DECIMAL(38, 0))
              ) + (
                CAST(fk_s1 - (
                  fk_s1 % 1
                ) AS DECIMAL(38, 0)) * (
                  CAST(100 AS DECIMAL(38, 10)) % 1
                )
              )
            ) + ROUND((
              fk_s1 % 1
            ) * (
              CAST(100 AS DECIMAL(38, 10)) % 1
            ), 10)
          ),
          1
        ),
        1
      ) AS DECIMAL(38, 10)),
      1
    ) AS DECIMAL(38, 10)) AS `fix_rate`
  FROM (
    SELECT
      `u`.`unit` AS `_unit`,
      `a`.`_submitted`,
      `a`.`inst_count`,
      `a`.`inst_public`,
      `a`.`inst_medical`,
      `a`.`beds`,
      `a`.`nursing_beds`,
      `a`.`occupied`,
      `a`.`new_beds`,
      `a`.`daycare_count`,
      `a`.`daycare_capacity`,
      `a`.`daycare_visits`,
      `a`.`meal_count`,
      `a`.`meal_capacity`,
      `a`.`meals_served`,
      `a`.`meal_subsidy`,
      `a`.`center_count`,
      `a`.`center_visits`,
      `a`.`staff_total`,
      `a`.`nurses`,
      `a`.`certified`,
      `a`.`safety_checks`,
      `a`.`hazards`,
      `a`.`hazards_fixed`,
      `a`.`remark`,
      `_req`.`avg_beds` AS `avg_beds`
    FROM `_units` AS `u`
    LEFT JOIN (
      SELECT
        `_g`.`_unit`,
        `_g`.`_submitted`,
        CAST(`_g`.`_p0_0` AS DECIMAL(38, 10)) AS `inst_count`,
        CAST(`_g`.`_p1_0` AS DECIMAL(38, 10)) AS `inst_public`,
        CAST(`_g`.`_p2_0` AS DECIMAL(38, 10)) AS `inst_medical`,
        CAST(`_g`.`_p3_0` AS DECIMAL(38, 10)) AS `beds`,
        CAST(`_g`.`_p4_0` AS DECIMAL(38, 10)) AS `nursing_beds`,
        CAST(`_g`.`_p5_0` AS DECIMAL(38, 10)) AS `occupied`,
        CAST(`_g`.`_p6_0` AS DECIMAL(38, 10)) AS `new_beds`,
        CAST(`_g`.`_p7_0` AS DECIMAL(38, 10)) AS `daycare_count`,
        CAST(`_g`.`_p8_0` AS DECIMAL(38, 10)) AS `daycare_capacity`,
        CAST(`_g`.`_p9_0` AS DECIMAL(38, 10)) AS `daycare_visits`,
        CAST(`_g`.`_p10_0` AS DECIMAL(38, 10)) AS `meal_count`,
        CAST(`_g`.`_p11_0` AS DECIMAL(38, 10)) AS `meal_capacity`,
        CAST(`_g`.`_p12_0` AS DECIMAL(38, 10)) AS `meals_served`,
        CAST(`_g`.`_p13_0` AS DECIMAL(38, 10)) AS `meal_subsidy`,
        CAST(`_g`.`_p14_0` AS DECIMAL(38, 10)) AS `center_count`,
        CAST(`_g`.`_p15_0` AS DECIMAL(38, 10)) AS `center_visits`,
        CAST(`_g`.`_p16_0` AS DECIMAL(38, 10)) AS `staff_total`,
        CAST(`_g`.`_p17_0` AS DECIMAL(38, 10)) AS `nurses`,
        CAST(`_g`.`_p18_0` AS DECIMAL(38, 10)) AS `certified`,
        CAST(`_g`.`_p19_0` AS DECIMAL(38, 10)) AS `safety_checks`,
        CAST(`_g`.`_p20_0` AS DECIMAL(38, 10)) AS `hazards`,
        CAST(`_g`.`_p21_0` AS DECIMAL(38, 10)) AS `hazards_fixed`,
        CAST(NULL AS STRING) AS `remark`
      FROM (
        SELECT
          `_unit`,
          COUNT(CASE WHEN `_n` = 1 THEN 1 END) AS `_submitted`,
          SUM(CAST(`inst_count` AS DECIMAL(38, 10))) AS `_p0_0`,
          SUM(CAST(`inst_public` AS DECIMAL(38, 10))) AS `_p1_0`,
          SUM(CAST(`inst_medical` AS DECIMAL(38, 10))) AS `_p2_0`,
          SUM(CAST(`beds` AS DECIMAL(38, 10))) AS `_p3_0`,
          SUM(CAST(`nursing_beds` AS DECIMAL(38, 10))) AS `_p4_0`,
          SUM(CAST(`occupied` AS DECIMAL(38, 10))) AS `_p5_0`,
          SUM(CAST(`new_beds` AS DECIMAL(38, 10))) AS `_p6_0`,
          SUM(CAST(`daycare_count` AS DECIMAL(38, 10))) AS `_p7_0`,
          SUM(CAST(`daycare_capacity` AS DECIMAL(38, 10))) AS `_p8_0`,
          SUM(CAST(`daycare_visits` AS DECIMAL(38, 10))) AS `_p9_0`,
          SUM(CAST(`meal_count` AS DECIMAL(38, 10))) AS `_p10_0`,
          SUM(CAST(`meal_capacity` AS DECIMAL(38, 10))) AS `_p11_0`,
          SUM(CAST(`meals_served` AS DECIMAL(38, 10))) AS `_p12_0`,
          SUM(CAST(`meal_subsidy` AS DECIMAL(38, 10))) AS `_p13_0`,
          SUM(CAST(`center_count` AS DECIMAL(38, 10))) AS `_p14_0`,
          SUM(CAST(`center_visits` AS DECIMAL(38, 10))) AS `_p15_0`,
          SUM(CAST(`staff_total` AS DECIMAL(38, 10))) AS `_p16_0`,
          SUM(CAST(`nurses` AS DECIMAL(38, 10))) AS `_p17_0`,
          SUM(CAST(`certified` AS DECIMAL(38, 10))) AS `_p18_0`,
          SUM(CAST(`safety_checks` AS DECIMAL(38, 10))) AS `_p19_0`,
          SUM(CAST(`hazards` AS DECIMAL(38, 10))) AS `_p20_0`,
          SUM(CAST(`hazards_fixed` AS DECIMAL(38, 10))) AS `_p21_0`
        FROM `_lv`
        GROUP BY
          `_unit`
      ) AS `_g`
    ) AS `a`
      ON `a`.`_unit` = `u`.`unit`
    LEFT JOIN (
      SELECT
        `u`.`code` AS `_unit`,
        `u`.`level` AS `_level`,
        COALESCE(`agg_elderly_facility`.`a1`, 0) AS `inst_count`,
        COALESCE(`agg_elderly_facility`.`a2`, 0) AS `inst_public`,
        COALESCE(`agg_elderly_facility`.`a3`, 0) AS `inst_medical`,
        `agg_elderly_facility`.`a4` AS `beds`,
        `agg_elderly_facility`.`a5` AS `nursing_beds`,
        `agg_elderly_facility`.`a6` AS `occupied`,
        `agg_elderly_facility`.`a7` AS `avg_beds`,
        COALESCE(`agg_elderly_facility`.`a8`, 0) AS `daycare_count`,
        `agg_elderly_facility`.`a9` AS `daycare_capacity`,
        COALESCE(`agg_elderly_facility`.`a10`, 0) AS `meal_count`,
        `agg_elderly_facility`.`a11` AS `meal_capacity`,
        COALESCE(`agg_elderly_facility`.`a12`, 0) AS `center_count`,
        `agg_elderly_facility`.`a13` AS `staff_total`,
        `agg_elderly_facility`.`a14` AS `nurses`,
        `agg_elderly_facility`.`a15` AS `certified`
      FROM `_tree` AS `u`
      LEFT JOIN (
        SELECT
          COUNT(CASE WHEN `t`.`_h1` THEN 1 END) AS `a1`,
          COUNT(
            CASE
              WHEN `t`.`_h1` AND (
                `t`.`operator_type` IN ('public', 'public_private')
              )
              THEN 1
            END
          ) AS `a2`,
          COUNT(CASE WHEN `t`.`_h1` AND (
            `t`.`medical_integrated` = TRUE
          ) THEN 1 END) AS `a3`,
          CAST(SUM(
            CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
          ) AS DECIMAL(38, 10)) AS `a4`,
          CAST(SUM(
            CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`nursing_beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
          ) AS DECIMAL(38, 10)) AS `a5`,
          CAST(SUM(
            CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`occupied_beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
          ) AS DECIMAL(38, 10)) AS `a6`,
          ELEMENT_AT(
            TRANSFORM(
              ARRAY(
                NAMED_STRUCT(
                  'v0',
                  CAST(SUM(
                    CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
                  ) AS DECIMAL(38, 10)),
                  'v1',
                  CAST(COUNT(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END) AS DECIMAL(38, 10))
                )
              ),
              fk_s2 -> CASE
                WHEN (
                  fk_s2.v1
                ) = 0
                THEN NULL
                WHEN ABS(fk_s2.v1) < 1
                THEN CAST((
                  fk_s2.v0
                ) / CAST(fk_s2.v1 AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(fk_s2.v0) - (
                            ABS(fk_s2.v0) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(fk_s2.v0) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(fk_s2.v1) - (
                            ABS(fk_s2.v1) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(fk_s2.v1) % 1
                        ) * 10000000000 AS DECIMAL(38, 0))
                      )
                    ),
                    fk_s3 -> CAST(CAST((
                      (
                        CASE
                          WHEN (
                            fk_s3.v1
                          ) < 10000000000000000000
                          THEN CAST((
                            (
                              fk_s3.v0
                            ) - (
                              (
                                fk_s3.v0
                              ) % fk_s3.v1
                            )
                          ) / CAST(fk_s3.v1 AS DECIMAL(19, 0)) AS DECIMAL(28, 0))
                          ELSE CAST((
                            (
                              fk_s3.v0
                            ) - (
                              (
                                fk_s3.v0
                              ) % fk_s3.v1
                            )
                          ) / (
                            fk_s3.v1
                          ) AS DECIMAL(28, 0))
                        END * 10000000000
                      ) + CASE
                        WHEN (
                          fk_s3.v1
                        ) < 10000000000000000000000000000
                        THEN CAST((
                          (
                            (
                              fk_s3.v0
                            ) % fk_s3.v1
                          ) * 10000000000
                        ) DIV (
                          fk_s3.v1
                        ) AS DECIMAL(38, 0)) + CASE
                          WHEN (
                            (
                              (
                                (
                                  fk_s3.v0
                                ) % fk_s3.v1
                              ) * 10000000000
                            ) % fk_s3.v1
                          ) >= (
                            fk_s3.v1
                          ) - (
                            (
                              (
                                (
                                  fk_s3.v0
                                ) % fk_s3.v1
                              ) * 10000000000
                            ) % fk_s3.v1
                          )
                          THEN 1
                          ELSE 0
                        END
                        ELSE ELEMENT_AT(
                          TRANSFORM(
                            ARRAY(
                              NAMED_STRUCT(
                                'v0',
                                CAST((
                                  (
                                    fk_s3.v0
                                  ) % fk_s3.v1
                                ) DIV CAST((
                                  (
                                    fk_s3.v1
                                  ) - (
                                    (
                                      fk_s3.v1
                                    ) % 10000000000
                                  )
                                ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)),
                                'v1',
                                (
                                  (
                                    (
                                      (
                                        fk_s3.v0
                                      ) % fk_s3.v1
                                    ) % CAST((
                                      (
                                        fk_s3.v1
                                      ) - (
                                        (
                                          fk_s3.v1
                                        ) % 10000000000
                                      )
                                    ) / 10000000000 AS DECIMAL(38, 0))
                                  ) * 10000000000
                                ) - (
                                  CAST((
                                    (
                                      fk_s3.v0
                                    ) % fk_s3.v1
                                  ) DIV CAST((
                                    (
                                      fk_s3.v1
                                    ) - (
                                      (
                                        fk_s3.v1
                                      ) % 10000000000
                                    )
                                  ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * (
                                    (
                                      fk_s3.v1
                                    ) % 10000000000
                                  )
                                )
                              )
                            ),
                            fk_s1 -> CASE
                              WHEN (
                                fk_s1.v1
                              ) < 0
                              THEN (
                                (
                                  fk_s1.v0
                                ) - 1
                              ) + CASE
                                WHEN (
                                  (
                                    fk_s1.v1
                                  ) + (
                                    fk_s3.v1
                                  )
                                ) >= (
                                  fk_s3.v1
                                ) - (
                                  (
                                    fk_s1.v1
                                  ) + (
                                    fk_s3.v1
                                  )
                                )
                                THEN 1
                                ELSE 0
                              END
                              ELSE (
                                fk_s1.v0
                              ) + CASE WHEN (
                                fk_s1.v1
                              ) >= (
                                fk_s3.v1
                              ) - (
                                fk_s1.v1
                              ) THEN 1 ELSE 0 END
                            END
                          ),
                          1
                        )
                      END
                    ) * CASE
                      WHEN (
                        (
                          fk_s2.v0
                        ) < 0
                      ) <> (
                        (
                          fk_s2.v1
                        ) < 0
                      )
                      THEN -1
                      ELSE 1
                    END AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                  ),
                  1
                )
              END
            ),
            1
          ) AS `a7`,
          COUNT(CASE WHEN `t`.`_h2` THEN 1 END) AS `a8`,
          CAST(SUM(
            CAST(CASE WHEN `t`.`_h2` THEN CAST(`t`.`capacity` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
          ) AS DECIMAL(38, 10)) AS `a9`,
          COUNT(CASE WHEN `t`.`_h3` THEN 1 END) AS `a10`,
          CAST(SUM(
            CAST(CASE WHEN `t`.`_h3` THEN CAST(`t`.`capacity` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
          ) AS DECIMAL(38, 10)) AS `a11`,
          COUNT(
            CASE
              WHEN (
                `t`.`type` = 'service_center'
              ) AND (
                `t`.`status` = 'operating'
              )
              THEN 1
            END
          ) AS `a12`,
          CAST(SUM(
            CAST(CASE WHEN `t`.`status` = 'operating' THEN CAST(`t`.`staff` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
          ) AS DECIMAL(38, 10)) AS `a13`,
          CAST(SUM(
            CAST(CASE WHEN `t`.`status` = 'operating' THEN CAST(`t`.`nurses` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
          ) AS DECIMAL(38, 10)) AS `a14`,
          CAST(SUM(
            CAST(CASE
              WHEN `t`.`status` = 'operating'
              THEN CAST(`t`.`certified_nurses` AS DECIMAL(38, 10))
            END AS DECIMAL(38, 10))
          ) AS DECIMAL(38, 10)) AS `a15`,
          `t`.`_unit` AS `_unit`
        FROM (
          SELECT
            `t`.*,
            (
              `t`.`type` IN ('nursing_home', 'care_home')
            )
            AND (
              `t`.`status` = 'operating'
            ) AS `_h1`,
            (
              `t`.`type` = 'day_care'
            ) AND (
              `t`.`status` = 'operating'
            ) AS `_h2`,
            (
              `t`.`type` IN ('canteen', 'meal_point')
            )
            AND (
              `t`.`status` = 'operating'
            ) AS `_h3`,
            `_tree`.`unit` AS `_unit`
          FROM `elderly_facility` AS `t`
          JOIN `_tree`
            ON `t`.`community_code` = `_tree`.`code`
        ) AS `t`
        GROUP BY
          `t`.`_unit`
      ) AS `agg_elderly_facility`
        ON `agg_elderly_facility`.`_unit` = `u`.`code`
      WHERE
        `u`.`level` = 2 OR `u`.`code` = :org
      ORDER BY
        `u`.`code`
    ) AS `_req`
      ON `_req`.`_unit` = `u`.`unit`
  ) AS `_r1`
) AS `a`
LEFT JOIN `_cover` AS `c`
  ON `c`.`_unit` = `a`.`_unit`
ORDER BY
  `a`.`_unit`
