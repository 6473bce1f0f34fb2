-- parameters: org, period_1
WITH `_units` AS (
  SELECT
    `c`.`descendant` AS `unit`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = :org AND `c`.`depth` = 0
), `_leaves` AS (
  SELECT
    `l`.`descendant` AS `leaf`,
    :org AS `unit`
  FROM `fk_org__org_unit` AS `l`
  WHERE
    `l`.`ancestor` = :org AND `l`.`descendant_level` = 3
), `_subs` AS (
  SELECT
    `l`.`unit` AS `_unit`,
    `s`.`org` AS `_leaf`,
    CASE `s`.`period` WHEN :period_1 THEN 1 END AS `_pos`,
    `s`.`submission_id`,
    `s`.`ent_total`,
    `s`.`ent_class1`,
    `s`.`ent_class2`,
    `s`.`ent_class3`,
    `s`.`ent_suspended`,
    `s`.`ent_key`,
    `s`.`license_expiring`,
    `s`.`not_inspected`,
    `s`.`insp_class1`,
    `s`.`insp_class2`,
    `s`.`insp_class3`,
    `s`.`insp_total`,
    `s`.`flight_checks`,
    `s`.`insp_enterprises`,
    `s`.`insp_key`,
    `s`.`inspectors`,
    `s`.`problem_enterprises`,
    `s`.`problem_items`,
    `s`.`rectify_ordered`,
    `s`.`rectified`,
    `s`.`suspension_ordered`,
    `s`.`cases`,
    `s`.`transferred`,
    `s`.`fines`,
    `s`.`coverage_rate`,
    `s`.`key_coverage_rate`,
    `s`.`problem_rate`,
    `s`.`rectify_rate`,
    `s`.`remark`
  FROM `fk_medical_device_inspection_v1` AS `s`
  JOIN `_leaves` AS `l`
    ON `s`.`org` = `l`.`leaf`
  WHERE
    `s`.`period` IN (:period_1) AND `s`.`state` IN ('submitted', 'approved')
), `_lv` AS (
  SELECT
    `_unit`,
    `_leaf`,
    1 AS `_n`,
    `ent_total`,
    `ent_class1`,
    `ent_class2`,
    `ent_class3`,
    `ent_suspended`,
    `ent_key`,
    `license_expiring`,
    `not_inspected`,
    `insp_class1`,
    `insp_class2`,
    `insp_class3`,
    `insp_total`,
    `flight_checks`,
    `insp_enterprises`,
    `insp_key`,
    `inspectors`,
    `problem_enterprises`,
    `problem_items`,
    `rectify_ordered`,
    `rectified`,
    `suspension_ordered`,
    `cases`,
    `transferred`,
    `fines`,
    `coverage_rate`,
    `key_coverage_rate`,
    `problem_rate`,
    `rectify_rate`,
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
)
SELECT
  `a`.`_unit` AS `_unit`,
  COALESCE(`c`.`_expected`, 0) AS `_expected`,
  COALESCE(`a`.`_submitted`, 0) AS `_submitted`,
  `c`.`_missing`,
  `a`.`ent_total`,
  `a`.`ent_class1`,
  `a`.`ent_class2`,
  `a`.`ent_class3`,
  `a`.`ent_suspended`,
  `a`.`ent_key`,
  `a`.`license_expiring`,
  `a`.`not_inspected`,
  `a`.`insp_class1`,
  `a`.`insp_class2`,
  `a`.`insp_class3`,
  `a`.`insp_total`,
  `a`.`flight_checks`,
  `a`.`insp_enterprises`,
  `a`.`insp_key`,
  `a`.`inspectors`,
  `a`.`problem_enterprises`,
  `a`.`problem_items`,
  `a`.`rectify_ordered`,
  `a`.`rectified`,
  `a`.`suspension_ordered`,
  `a`.`cases`,
  `a`.`transferred`,
  `a`.`fines`,
  `a`.`coverage_rate`,
  `a`.`key_coverage_rate`,
  `a`.`problem_rate`,
  `a`.`rectify_rate`,
  `a`.`remark`
FROM (
  SELECT
    `_r1`.`_unit`,
    `_r1`.`_submitted`,
    `_r1`.`ent_total`,
    `_r1`.`ent_class1`,
    `_r1`.`ent_class2`,
    `_r1`.`ent_class3`,
    `_r1`.`ent_suspended`,
    `_r1`.`ent_key`,
    `_r1`.`license_expiring`,
    `_r1`.`not_inspected`,
    `_r1`.`insp_class1`,
    `_r1`.`insp_class2`,
    `_r1`.`insp_class3`,
    `_r1`.`flight_checks`,
    `_r1`.`insp_enterprises`,
    `_r1`.`insp_key`,
    `_r1`.`inspectors`,
    `_r1`.`problem_enterprises`,
    `_r1`.`problem_items`,
    `_r1`.`rectify_ordered`,
    `_r1`.`rectified`,
    `_r1`.`suspension_ordered`,
    `_r1`.`cases`,
    `_r1`.`transferred`,
    `_r1`.`fines`,
    `_r1`.`remark`,
    CAST(ROUND(
      CASE
        WHEN HASH(
          CAST(`_r1`.`insp_class1` AS DECIMAL(38, 10)) + CAST(`_r1`.`insp_class2` AS DECIMAL(38, 10))
        ) >= -2147483648
        THEN (
          CAST(`_r1`.`insp_class1` AS DECIMAL(38, 10)) + CAST(`_r1`.`insp_class2` AS DECIMAL(38, 10))
        ) + CAST(`_r1`.`insp_class3` AS DECIMAL(38, 10))
        ELSE CAST(RAISE_ERROR('formkit: unreachable') AS DECIMAL(38, 10))
      END,
      0
    ) AS DECIMAL(38, 10)) AS `insp_total`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`ent_total` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`ent_total` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`ent_total` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`ent_total` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`ent_total` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`ent_total` AS DECIMAL(38, 10))) % 1
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
                        CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`ent_total` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `coverage_rate`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`ent_key` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`ent_key` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`insp_key` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`ent_key` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`insp_key` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`insp_key` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`insp_key` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`ent_key` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`ent_key` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`ent_key` AS DECIMAL(38, 10))) % 1
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
                        CAST(`_r1`.`insp_key` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`ent_key` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `key_coverage_rate`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`problem_enterprises` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`problem_enterprises` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`problem_enterprises` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`problem_enterprises` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10))) % 1
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
                        CAST(`_r1`.`problem_enterprises` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`insp_enterprises` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `problem_rate`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`rectify_ordered` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`rectify_ordered` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`rectified` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`rectify_ordered` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`rectified` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`rectified` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`rectified` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`rectify_ordered` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`rectify_ordered` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`rectify_ordered` AS DECIMAL(38, 10))) % 1
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
                        CAST(`_r1`.`rectified` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`rectify_ordered` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `rectify_rate`
  FROM (
    SELECT
      `u`.`unit` AS `_unit`,
      `a`.`_submitted`,
      `a`.`ent_total`,
      `a`.`ent_class1`,
      `a`.`ent_class2`,
      `a`.`ent_class3`,
      `a`.`ent_suspended`,
      `a`.`ent_key`,
      `a`.`license_expiring`,
      `a`.`not_inspected`,
      `a`.`insp_class1`,
      `a`.`insp_class2`,
      `a`.`insp_class3`,
      `a`.`flight_checks`,
      `a`.`insp_enterprises`,
      `a`.`insp_key`,
      `a`.`inspectors`,
      `a`.`problem_enterprises`,
      `a`.`problem_items`,
      `a`.`rectify_ordered`,
      `a`.`rectified`,
      `a`.`suspension_ordered`,
      `a`.`cases`,
      `a`.`transferred`,
      `a`.`fines`,
      `a`.`remark`
    FROM `_units` AS `u`
    LEFT JOIN (
      SELECT
        `_g`.`_unit`,
        `_g`.`_submitted`,
        CAST(`_g`.`_p0_0` AS DECIMAL(38, 10)) AS `ent_total`,
        CAST(`_g`.`_p1_0` AS DECIMAL(38, 10)) AS `ent_class1`,
        CAST(`_g`.`_p2_0` AS DECIMAL(38, 10)) AS `ent_class2`,
        CAST(`_g`.`_p3_0` AS DECIMAL(38, 10)) AS `ent_class3`,
        CAST(`_g`.`_p4_0` AS DECIMAL(38, 10)) AS `ent_suspended`,
        CAST(`_g`.`_p5_0` AS DECIMAL(38, 10)) AS `ent_key`,
        CAST(`_g`.`_p6_0` AS DECIMAL(38, 10)) AS `license_expiring`,
        CAST(`_g`.`_p7_0` AS DECIMAL(38, 10)) AS `not_inspected`,
        CAST(`_g`.`_p8_0` AS DECIMAL(38, 10)) AS `insp_class1`,
        CAST(`_g`.`_p9_0` AS DECIMAL(38, 10)) AS `insp_class2`,
        CAST(`_g`.`_p10_0` AS DECIMAL(38, 10)) AS `insp_class3`,
        CAST(`_g`.`_p11_0` AS DECIMAL(38, 10)) AS `flight_checks`,
        CAST(`_g`.`_p12_0` AS DECIMAL(38, 10)) AS `insp_enterprises`,
        CAST(`_g`.`_p13_0` AS DECIMAL(38, 10)) AS `insp_key`,
        CAST(`_g`.`_p14_0` AS DECIMAL(38, 10)) AS `inspectors`,
        CAST(`_g`.`_p15_0` AS DECIMAL(38, 10)) AS `problem_enterprises`,
        CAST(`_g`.`_p16_0` AS DECIMAL(38, 10)) AS `problem_items`,
        CAST(`_g`.`_p17_0` AS DECIMAL(38, 10)) AS `rectify_ordered`,
        CAST(`_g`.`_p18_0` AS DECIMAL(38, 10)) AS `rectified`,
        CAST(`_g`.`_p19_0` AS DECIMAL(38, 10)) AS `suspension_ordered`,
        CAST(`_g`.`_p20_0` AS DECIMAL(38, 10)) AS `cases`,
        CAST(`_g`.`_p21_0` AS DECIMAL(38, 10)) AS `transferred`,
        CAST(`_g`.`_p22_0` AS DECIMAL(38, 10)) AS `fines`,
        CAST(NULL AS STRING) AS `remark`
      FROM (
        SELECT
          `_unit`,
          COUNT(CASE WHEN `_n` = 1 THEN 1 END) AS `_submitted`,
          SUM(CAST(`ent_total` AS DECIMAL(38, 10))) AS `_p0_0`,
          SUM(CAST(`ent_class1` AS DECIMAL(38, 10))) AS `_p1_0`,
          SUM(CAST(`ent_class2` AS DECIMAL(38, 10))) AS `_p2_0`,
          SUM(CAST(`ent_class3` AS DECIMAL(38, 10))) AS `_p3_0`,
          SUM(CAST(`ent_suspended` AS DECIMAL(38, 10))) AS `_p4_0`,
          SUM(CAST(`ent_key` AS DECIMAL(38, 10))) AS `_p5_0`,
          SUM(CAST(`license_expiring` AS DECIMAL(38, 10))) AS `_p6_0`,
          SUM(CAST(`not_inspected` AS DECIMAL(38, 10))) AS `_p7_0`,
          SUM(CAST(`insp_class1` AS DECIMAL(38, 10))) AS `_p8_0`,
          SUM(CAST(`insp_class2` AS DECIMAL(38, 10))) AS `_p9_0`,
          SUM(CAST(`insp_class3` AS DECIMAL(38, 10))) AS `_p10_0`,
          SUM(CAST(`flight_checks` AS DECIMAL(38, 10))) AS `_p11_0`,
          SUM(CAST(`insp_enterprises` AS DECIMAL(38, 10))) AS `_p12_0`,
          SUM(CAST(`insp_key` AS DECIMAL(38, 10))) AS `_p13_0`,
          SUM(CAST(`inspectors` AS DECIMAL(38, 10))) AS `_p14_0`,
          SUM(CAST(`problem_enterprises` AS DECIMAL(38, 10))) AS `_p15_0`,
          SUM(CAST(`problem_items` AS DECIMAL(38, 10))) AS `_p16_0`,
          SUM(CAST(`rectify_ordered` AS DECIMAL(38, 10))) AS `_p17_0`,
          SUM(CAST(`rectified` AS DECIMAL(38, 10))) AS `_p18_0`,
          SUM(CAST(`suspension_ordered` AS DECIMAL(38, 10))) AS `_p19_0`,
          SUM(CAST(`cases` AS DECIMAL(38, 10))) AS `_p20_0`,
          SUM(CAST(`transferred` AS DECIMAL(38, 10))) AS `_p21_0`,
          SUM(CAST(`fines` AS DECIMAL(38, 10))) AS `_p22_0`
        FROM `_lv`
        GROUP BY
          `_unit`
      ) AS `_g`
    ) AS `a`
      ON `a`.`_unit` = `u`.`unit`
  ) AS `_r1`
) AS `a`
LEFT JOIN `_cover` AS `c`
  ON `c`.`_unit` = `a`.`_unit`
ORDER BY
  `a`.`_unit`
