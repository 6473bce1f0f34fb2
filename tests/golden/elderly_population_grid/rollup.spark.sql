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
    `l`.`ancestor` = :org AND `l`.`descendant_level` = 4
), `_subs` AS (
  SELECT
    `l`.`unit` AS `_unit`,
    `s`.`org` AS `_leaf`,
    CASE `s`.`period` WHEN :period_1 THEN 1 END AS `_pos`,
    `s`.`submission_id`,
    `s`.`population`,
    `s`.`elderly_share`,
    `s`.`oldest_share`,
    `s`.`alone_share`,
    `s`.`alone_visits`,
    `s`.`allowance_recipients`,
    `s`.`elderly__age_60_69__male`,
    `s`.`elderly__age_60_69__female`,
    `s`.`elderly__age_60_69__all`,
    `s`.`elderly__age_60_69__alone`,
    `s`.`elderly__age_70_79__male`,
    `s`.`elderly__age_70_79__female`,
    `s`.`elderly__age_70_79__all`,
    `s`.`elderly__age_70_79__alone`,
    `s`.`elderly__age_80_89__male`,
    `s`.`elderly__age_80_89__female`,
    `s`.`elderly__age_80_89__all`,
    `s`.`elderly__age_80_89__alone`,
    `s`.`elderly__age_90_99__male`,
    `s`.`elderly__age_90_99__female`,
    `s`.`elderly__age_90_99__all`,
    `s`.`elderly__age_90_99__alone`,
    `s`.`elderly__age_100__male`,
    `s`.`elderly__age_100__female`,
    `s`.`elderly__age_100__all`,
    `s`.`elderly__age_100__alone`,
    `s`.`elderly__total__male`,
    `s`.`elderly__total__female`,
    `s`.`elderly__total__all`,
    `s`.`elderly__total__alone`
  FROM `fk_elderly_population_grid_v1` AS `s`
  JOIN `_leaves` AS `l`
    ON `s`.`org` = `l`.`leaf`
  WHERE
    `s`.`period` IN (:period_1) AND `s`.`state` IN ('submitted', 'approved')
), `_lv` AS (
  SELECT
    `_unit`,
    `_leaf`,
    1 AS `_n`,
    `population`,
    `elderly_share`,
    `oldest_share`,
    `alone_share`,
    `alone_visits`,
    `allowance_recipients`,
    `elderly__age_60_69__male`,
    `elderly__age_60_69__female`,
    `elderly__age_60_69__all`,
    `elderly__age_60_69__alone`,
    `elderly__age_70_79__male`,
    `elderly__age_70_79__female`,
    `elderly__age_70_79__all`,
    `elderly__age_70_79__alone`,
    `elderly__age_80_89__male`,
    `elderly__age_80_89__female`,
    `elderly__age_80_89__all`,
    `elderly__age_80_89__alone`,
    `elderly__age_90_99__male`,
    `elderly__age_90_99__female`,
    `elderly__age_90_99__all`,
    `elderly__age_90_99__alone`,
    `elderly__age_100__male`,
    `elderly__age_100__female`,
    `elderly__age_100__all`,
    `elderly__age_100__alone`,
    `elderly__total__male`,
    `elderly__total__female`,
    `elderly__total__all`,
    `elderly__total__alone`
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
  `a`.`population`,
  `a`.`elderly_share`,
  `a`.`oldest_share`,
  `a`.`alone_share`,
  `a`.`alone_visits`,
  `a`.`allowance_recipients`,
  `a`.`elderly__age_60_69__male`,
  `a`.`elderly__age_60_69__female`,
  `a`.`elderly__age_60_69__all`,
  `a`.`elderly__age_60_69__alone`,
  `a`.`elderly__age_70_79__male`,
  `a`.`elderly__age_70_79__female`,
  `a`.`elderly__age_70_79__all`,
  `a`.`elderly__age_70_79__alone`,
  `a`.`elderly__age_80_89__male`,
  `a`.`elderly__age_80_89__female`,
  `a`.`elderly__age_80_89__all`,
  `a`.`elderly__age_80_89__alone`,
  `a`.`elderly__age_90_99__male`,
  `a`.`elderly__age_90_99__female`,
  `a`.`elderly__age_90_99__all`,
  `a`.`elderly__age_90_99__alone`,
  `a`.`elderly__age_100__male`,
  `a`.`elderly__age_100__female`,
  `a`.`elderly__age_100__all`,
  `a`.`elderly__age_100__alone`,
  `a`.`elderly__total__male`,
  `a`.`elderly__total__female`,
  `a`.`elderly__total__all`,
  `a`.`elderly__total__alone`
FROM (
  SELECT
    `_r1`.`_unit`,
    `_r1`.`_submitted`,
    `_r1`.`population`,
    `_r1`.`alone_visits`,
    `_r1`.`allowance_recipients`,
    `_r1`.`elderly__age_60_69__male`,
    `_r1`.`elderly__age_60_69__female`,
    `_r1`.`elderly__age_60_69__all`,
    `_r1`.`elderly__age_60_69__alone`,
    `_r1`.`elderly__age_70_79__male`,
    `_r1`.`elderly__age_70_79__female`,
    `_r1`.`elderly__age_70_79__all`,
    `_r1`.`elderly__age_70_79__alone`,
    `_r1`.`elderly__age_80_89__male`,
    `_r1`.`elderly__age_80_89__female`,
    `_r1`.`elderly__age_80_89__all`,
    `_r1`.`elderly__age_80_89__alone`,
    `_r1`.`elderly__age_90_99__male`,
    `_r1`.`elderly__age_90_99__female`,
    `_r1`.`elderly__age_90_99__all`,
    `_r1`.`elderly__age_90_99__alone`,
    `_r1`.`elderly__age_100__male`,
    `_r1`.`elderly__age_100__female`,
    `_r1`.`elderly__age_100__all`,
    `_r1`.`elderly__age_100__alone`,
    `_r1`.`elderly__total__male`,
    `_r1`.`elderly__total__female`,
    `_r1`.`elderly__total__all`,
    `_r1`.`elderly__total__alone`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`population` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`population` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`population` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`population` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`population` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`population` AS DECIMAL(38, 10))) % 1
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
                            fk_s4 -> CASE
                              WHEN (
                                fk_s4.v1
                              ) < 0
                              THEN (
                                (
                                  fk_s4.v0
                                ) - 1
                              ) + CASE
                                WHEN (
                                  (
                                    fk_s4.v1
                                  ) + (
                                    fk_s3.v1
                                  )
                                ) >= (
                                  fk_s3.v1
                                ) - (
                                  (
                                    fk_s4.v1
                                  ) + (
                                    fk_s3.v1
                                  )
                                )
                                THEN 1
                                ELSE 0
                              END
                              ELSE (
                                fk_s4.v0
                              ) + CASE WHEN (
                                fk_s4.v1
                              ) >= (
                                fk_s3.v1
                              ) - (
                                fk_s4.v1
                              ) THEN 1 ELSE 0 END
                            END
                          ),
                          1
                        )
                      END
                    ) * CASE
                      WHEN (
                        CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`population` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `elderly_share`,
    CAST(ROUND(
      CASE
        WHEN HASH(
          CAST(`_r1`.`elderly__age_80_89__all` AS DECIMAL(38, 10)) + CAST(`_r1`.`elderly__age_90_99__all` AS DECIMAL(38, 10)),
          (
            CAST(`_r1`.`elderly__age_80_89__all` AS DECIMAL(38, 10)) + CAST(`_r1`.`elderly__age_90_99__all` AS DECIMAL(38, 10))
          ) + CAST(`_r1`.`elderly__age_100__all` AS DECIMAL(38, 10))
        ) >= -2147483648
        THEN CAST(ROUND(
          ELEMENT_AT(
            TRANSFORM(
              ARRAY(
                ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      (
                        CAST(`_r1`.`elderly__age_80_89__all` AS DECIMAL(38, 10)) + CAST(`_r1`.`elderly__age_90_99__all` AS DECIMAL(38, 10))
                      ) + CAST(`_r1`.`elderly__age_100__all` AS DECIMAL(38, 10))
                    ),
                    fk_s3 -> CASE
                      WHEN CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10)) = 0
                      THEN NULL
                      WHEN ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) < 1
                      THEN CAST(fk_s3 / CAST(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                      ELSE ELEMENT_AT(
                        TRANSFORM(
                          ARRAY(
                            NAMED_STRUCT(
                              'v0',
                              (
                                CAST(CAST(ABS(fk_s3) - (
                                  ABS(fk_s3) % 1
                                ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                              ) + CAST((
                                ABS(fk_s3) % 1
                              ) * 10000000000 AS DECIMAL(38, 0)),
                              'v1',
                              (
                                CAST(CAST(ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) - (
                                  ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) % 1
                                ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                              ) + CAST((
                                ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) % 1
                              ) * 10000000000 AS DECIMAL(38, 0))
                            )
                          ),
                          fk_s4 -> CAST(CAST((
                            (
                              CASE
                                WHEN (
                                  fk_s4.v1
                                ) < 10000000000000000000
                                THEN CAST((
                                  (
                                    fk_s4.v0
                                  ) - (
                                    (
                                      fk_s4.v0
                                    ) % fk_s4.v1
                                  )
                                ) / CAST(fk_s4.v1 AS DECIMAL(19, 0)) AS DECIMAL(28, 0))
                                ELSE CAST((
                                  (
                                    fk_s4.v0
                                  ) - (
                                    (
                                      fk_s4.v0
                                    ) % fk_s4.v1
                                  )
                                ) / (
                                  fk_s4.v1
                                ) AS DECIMAL(28, 0))
                              END * 10000000000
                            ) + CASE
                              WHEN (
                                fk_s4.v1
                              ) < 10000000000000000000000000000
                              THEN CAST((
                                (
                                  (
                                    fk_s4.v0
                                  ) % fk_s4.v1
                                ) * 10000000000
                              ) DIV (
                                fk_s4.v1
                              ) AS DECIMAL(38, 0)) + CASE
                                WHEN (
                                  (
                                    (
                                      (
                                        fk_s4.v0
                                      ) % fk_s4.v1
                                    ) * 10000000000
                                  ) % fk_s4.v1
                                ) >= (
                                  fk_s4.v1
                                ) - (
                                  (
                                    (
                                      (
                                        fk_s4.v0
                                      ) % fk_s4.v1
                                    ) * 10000000000
                                  ) % fk_s4.v1
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
                                          fk_s4.v0
                                        ) % fk_s4.v1
                                      ) DIV CAST((
                                        (
                                          fk_s4.v1
                                        ) - (
                                          (
                                            fk_s4.v1
                                          ) % 10000000000
                                        )
                                      ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)),
                                      'v1',
                                      (
                                        (
                                          (
                                            (
                                              fk_s4.v0
                                            ) % fk_s4.v1
                                          ) % CAST((
                                            (
                                              fk_s4.v1
                                            ) - (
                                              (
                                                fk_s4.v1
                                              ) % 10000000000
                                            )
                                          ) / 10000000000 AS DECIMAL(38, 0))
                                        ) * 10000000000
                                      ) - (
                                        CAST((
                                          (
                                            fk_s4.v0
                                          ) % fk_s4.v1
                                        ) DIV CAST((
                                          (
                                            fk_s4.v1
                                          ) - (
                                            (
                                              fk_s4.v1
                                            ) % 10000000000
                                          )
                                        ) / 10000000000 AS DECIMAL(38, 0)) AS DECIMAL(38, 0)) * (
                                          (
                                            fk_s4.v1
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
                                          fk_s4.v1
                                        )
                                      ) >= (
                                        fk_s4.v1
                                      ) - (
                                        (
                                          fk_s1.v1
                                        ) + (
                                          fk_s4.v1
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
                                      fk_s4.v1
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
                              fk_s3 < 0
                            ) <> (
                              CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10)) < 0
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
                )
              ),
              fk_s2 -> (
                (
                  fk_s2 * CAST(CAST(100 AS DECIMAL(38, 10)) - (
                    CAST(100 AS DECIMAL(38, 10)) % 1
                  ) AS DECIMAL(38, 0))
                ) + (
                  CAST(fk_s2 - (
                    fk_s2 % 1
                  ) AS DECIMAL(38, 0)) * (
                    CAST(100 AS DECIMAL(38, 10)) % 1
                  )
                )
              ) + ROUND((
                fk_s2 % 1
              ) * (
                CAST(100 AS DECIMAL(38, 10)) % 1
              ), 10)
            ),
            1
          ),
          2
        ) AS DECIMAL(38, 10))
        ELSE CAST(RAISE_ERROR('formkit: unreachable') AS DECIMAL(38, 10))
      END,
      2
    ) AS DECIMAL(38, 10)) AS `oldest_share`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`elderly__total__alone` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`elderly__total__alone` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`elderly__total__alone` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`elderly__total__alone` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10))) % 1
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
                            fk_s4 -> CASE
                              WHEN (
                                fk_s4.v1
                              ) < 0
                              THEN (
                                (
                                  fk_s4.v0
                                ) - 1
                              ) + CASE
                                WHEN (
                                  (
                                    fk_s4.v1
                                  ) + (
                                    fk_s3.v1
                                  )
                                ) >= (
                                  fk_s3.v1
                                ) - (
                                  (
                                    fk_s4.v1
                                  ) + (
                                    fk_s3.v1
                                  )
                                )
                                THEN 1
                                ELSE 0
                              END
                              ELSE (
                                fk_s4.v0
                              ) + CASE WHEN (
                                fk_s4.v1
                              ) >= (
                                fk_s3.v1
                              ) - (
                                fk_s4.v1
                              ) THEN 1 ELSE 0 END
                            END
                          ),
                          1
                        )
                      END
                    ) * CASE
                      WHEN (
                        CAST(`_r1`.`elderly__total__alone` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`elderly__total__all` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `alone_share`
  FROM (
    SELECT
      `u`.`unit` AS `_unit`,
      `a`.`_submitted`,
      `a`.`population`,
      `a`.`alone_visits`,
      `a`.`allowance_recipients`,
      `a`.`elderly__age_60_69__male`,
      `a`.`elderly__age_60_69__female`,
      `a`.`elderly__age_60_69__all`,
      `a`.`elderly__age_60_69__alone`,
      `a`.`elderly__age_70_79__male`,
      `a`.`elderly__age_70_79__female`,
      `a`.`elderly__age_70_79__all`,
      `a`.`elderly__age_70_79__alone`,
      `a`.`elderly__age_80_89__male`,
      `a`.`elderly__age_80_89__female`,
      `a`.`elderly__age_80_89__all`,
      `a`.`elderly__age_80_89__alone`,
      `a`.`elderly__age_90_99__male`,
      `a`.`elderly__age_90_99__female`,
      `a`.`elderly__age_90_99__all`,
      `a`.`elderly__age_90_99__alone`,
      `a`.`elderly__age_100__male`,
      `a`.`elderly__age_100__female`,
      `a`.`elderly__age_100__all`,
      `a`.`elderly__age_100__alone`,
      `a`.`elderly__total__male`,
      `a`.`elderly__total__female`,
      `a`.`elderly__total__all`,
      `a`.`elderly__total__alone`
    FROM `_units` AS `u`
    LEFT JOIN (
      SELECT
        `_g`.`_unit`,
        `_g`.`_submitted`,
        CAST(`_g`.`_p0_0` AS DECIMAL(38, 10)) AS `population`,
        CAST(`_g`.`_p1_0` AS DECIMAL(38, 10)) AS `alone_visits`,
        CAST(`_g`.`_p2_0` AS DECIMAL(38, 10)) AS `allowance_recipients`,
        CAST(`_g`.`_p3_0` AS DECIMAL(38, 10)) AS `elderly__age_60_69__male`,
        CAST(`_g`.`_p4_0` AS DECIMAL(38, 10)) AS `elderly__age_60_69__female`,
        CAST(`_g`.`_p5_0` AS DECIMAL(38, 10)) AS `elderly__age_60_69__all`,
        CAST(`_g`.`_p6_0` AS DECIMAL(38, 10)) AS `elderly__age_60_69__alone`,
        CAST(`_g`.`_p7_0` AS DECIMAL(38, 10)) AS `elderly__age_70_79__male`,
        CAST(`_g`.`_p8_0` AS DECIMAL(38, 10)) AS `elderly__age_70_79__female`,
        CAST(`_g`.`_p9_0` AS DECIMAL(38, 10)) AS `elderly__age_70_79__all`,
        CAST(`_g`.`_p10_0` AS DECIMAL(38, 10)) AS `elderly__age_70_79__alone`,
        CAST(`_g`.`_p11_0` AS DECIMAL(38, 10)) AS `elderly__age_80_89__male`,
        CAST(`_g`.`_p12_0` AS DECIMAL(38, 10)) AS `elderly__age_80_89__female`,
        CAST(`_g`.`_p13_0` AS DECIMAL(38, 10)) AS `elderly__age_80_89__all`,
        CAST(`_g`.`_p14_0` AS DECIMAL(38, 10)) AS `elderly__age_80_89__alone`,
        CAST(`_g`.`_p15_0` AS DECIMAL(38, 10)) AS `elderly__age_90_99__male`,
        CAST(`_g`.`_p16_0` AS DECIMAL(38, 10)) AS `elderly__age_90_99__female`,
        CAST(`_g`.`_p17_0` AS DECIMAL(38, 10)) AS `elderly__age_90_99__all`,
        CAST(`_g`.`_p18_0` AS DECIMAL(38, 10)) AS `elderly__age_90_99__alone`,
        CAST(`_g`.`_p19_0` AS DECIMAL(38, 10)) AS `elderly__age_100__male`,
        CAST(`_g`.`_p20_0` AS DECIMAL(38, 10)) AS `elderly__age_100__female`,
        CAST(`_g`.`_p21_0` AS DECIMAL(38, 10)) AS `elderly__age_100__all`,
        CAST(`_g`.`_p22_0` AS DECIMAL(38, 10)) AS `elderly__age_100__alone`,
        CAST(`_g`.`_p23_0` AS DECIMAL(38, 10)) AS `elderly__total__male`,
        CAST(`_g`.`_p24_0` AS DECIMAL(38, 10)) AS `elderly__total__female`,
        CAST(`_g`.`_p25_0` AS DECIMAL(38, 10)) AS `elderly__total__all`,
        CAST(`_g`.`_p26_0` AS DECIMAL(38, 10)) AS `elderly__total__alone`
      FROM (
        SELECT
          `_unit`,
          COUNT(CASE WHEN `_n` = 1 THEN 1 END) AS `_submitted`,
          SUM(CAST(`population` AS DECIMAL(38, 10))) AS `_p0_0`,
          SUM(CAST(`alone_visits` AS DECIMAL(38, 10))) AS `_p1_0`,
          SUM(CAST(`allowance_recipients` AS DECIMAL(38, 10))) AS `_p2_0`,
          SUM(CAST(`elderly__age_60_69__male` AS DECIMAL(38, 10))) AS `_p3_0`,
          SUM(CAST(`elderly__age_60_69__female` AS DECIMAL(38, 10))) AS `_p4_0`,
          SUM(CAST(`elderly__age_60_69__all` AS DECIMAL(38, 10))) AS `_p5_0`,
          SUM(CAST(`elderly__age_60_69__alone` AS DECIMAL(38, 10))) AS `_p6_0`,
          SUM(CAST(`elderly__age_70_79__male` AS DECIMAL(38, 10))) AS `_p7_0`,
          SUM(CAST(`elderly__age_70_79__female` AS DECIMAL(38, 10))) AS `_p8_0`,
          SUM(CAST(`elderly__age_70_79__all` AS DECIMAL(38, 10))) AS `_p9_0`,
          SUM(CAST(`elderly__age_70_79__alone` AS DECIMAL(38, 10))) AS `_p10_0`,
          SUM(CAST(`elderly__age_80_89__male` AS DECIMAL(38, 10))) AS `_p11_0`,
          SUM(CAST(`elderly__age_80_89__female` AS DECIMAL(38, 10))) AS `_p12_0`,
          SUM(CAST(`elderly__age_80_89__all` AS DECIMAL(38, 10))) AS `_p13_0`,
          SUM(CAST(`elderly__age_80_89__alone` AS DECIMAL(38, 10))) AS `_p14_0`,
          SUM(CAST(`elderly__age_90_99__male` AS DECIMAL(38, 10))) AS `_p15_0`,
          SUM(CAST(`elderly__age_90_99__female` AS DECIMAL(38, 10))) AS `_p16_0`,
          SUM(CAST(`elderly__age_90_99__all` AS DECIMAL(38, 10))) AS `_p17_0`,
          SUM(CAST(`elderly__age_90_99__alone` AS DECIMAL(38, 10))) AS `_p18_0`,
          SUM(CAST(`elderly__age_100__male` AS DECIMAL(38, 10))) AS `_p19_0`,
          SUM(CAST(`elderly__age_100__female` AS DECIMAL(38, 10))) AS `_p20_0`,
          SUM(CAST(`elderly__age_100__all` AS DECIMAL(38, 10))) AS `_p21_0`,
          SUM(CAST(`elderly__age_100__alone` AS DECIMAL(38, 10))) AS `_p22_0`,
          SUM(CAST(`elderly__total__male` AS DECIMAL(38, 10))) AS `_p23_0`,
          SUM(CAST(`elderly__total__female` AS DECIMAL(38, 10))) AS `_p24_0`,
          SUM(CAST(`elderly__total__all` AS DECIMAL(38, 10))) AS `_p25_0`,
          SUM(CAST(`elderly__total__alone` AS DECIMAL(38, 10))) AS `_p26_0`
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
