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
    `s`.`opening`,
    `s`.`received`,
    `s`.`released`,
    `s`.`closing`,
    `s`.`unemp_opening`,
    `s`.`unemp_in`,
    `s`.`unemp_out`,
    `s`.`unemp_closing`,
    `s`.`hard_opening`,
    `s`.`hard_in`,
    `s`.`hard_out`,
    `s`.`hard_closing`,
    `s`.`xiebao_opening`,
    `s`.`xiebao_in`,
    `s`.`xiebao_out`,
    `s`.`xiebao_closing`,
    `s`.`flex_opening`,
    `s`.`flex_in`,
    `s`.`flex_out`,
    `s`.`flex_closing`,
    `s`.`retired_opening`,
    `s`.`retired_in`,
    `s`.`retired_out`,
    `s`.`retired_closing`,
    `s`.`other_opening`,
    `s`.`other_in`,
    `s`.`other_out`,
    `s`.`other_closing`,
    `s`.`net_change`,
    `s`.`change_rate`,
    `s`.`unemp_share`,
    `s`.`remark`
  FROM `fk_labor_archive_stock_v3` AS `s`
  JOIN `_leaves` AS `l`
    ON `s`.`org` = `l`.`leaf`
  WHERE
    `s`.`period` IN (:period_1) AND `s`.`state` IN ('submitted', 'approved')
), `_lv` AS (
  SELECT
    `_unit`,
    `_leaf`,
    1 AS `_n`,
    `opening`,
    `received`,
    `released`,
    `closing`,
    `unemp_opening`,
    `unemp_in`,
    `unemp_out`,
    `unemp_closing`,
    `hard_opening`,
    `hard_in`,
    `hard_out`,
    `hard_closing`,
    `xiebao_opening`,
    `xiebao_in`,
    `xiebao_out`,
    `xiebao_closing`,
    `flex_opening`,
    `flex_in`,
    `flex_out`,
    `flex_closing`,
    `retired_opening`,
    `retired_in`,
    `retired_out`,
    `retired_closing`,
    `other_opening`,
    `other_in`,
    `other_out`,
    `other_closing`,
    `net_change`,
    `change_rate`,
    `unemp_share`,
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
  `a`.`opening`,
  `a`.`received`,
  `a`.`released`,
  `a`.`closing`,
  `a`.`unemp_opening`,
  `a`.`unemp_in`,
  `a`.`unemp_out`,
  `a`.`unemp_closing`,
  `a`.`hard_opening`,
  `a`.`hard_in`,
  `a`.`hard_out`,
  `a`.`hard_closing`,
  `a`.`xiebao_opening`,
  `a`.`xiebao_in`,
  `a`.`xiebao_out`,
  `a`.`xiebao_closing`,
  `a`.`flex_opening`,
  `a`.`flex_in`,
  `a`.`flex_out`,
  `a`.`flex_closing`,
  `a`.`retired_opening`,
  `a`.`retired_in`,
  `a`.`retired_out`,
  `a`.`retired_closing`,
  `a`.`other_opening`,
  `a`.`other_in`,
  `a`.`other_out`,
  `a`.`other_closing`,
  `a`.`net_change`,
  `a`.`change_rate`,
  `a`.`unemp_share`,
  `a`.`remark`
FROM (
  SELECT
    `_r2`.`_unit`,
    `_r2`.`_submitted`,
    `_r2`.`opening`,
    `_r2`.`received`,
    `_r2`.`released`,
    `_r2`.`unemp_opening`,
    `_r2`.`unemp_in`,
    `_r2`.`unemp_out`,
    `_r2`.`hard_opening`,
    `_r2`.`hard_in`,
    `_r2`.`hard_out`,
    `_r2`.`xiebao_opening`,
    `_r2`.`xiebao_in`,
    `_r2`.`xiebao_out`,
    `_r2`.`flex_opening`,
    `_r2`.`flex_in`,
    `_r2`.`flex_out`,
    `_r2`.`retired_opening`,
    `_r2`.`retired_in`,
    `_r2`.`retired_out`,
    `_r2`.`remark`,
    `_r2`.`closing`,
    `_r2`.`unemp_closing`,
    `_r2`.`hard_closing`,
    `_r2`.`xiebao_closing`,
    `_r2`.`flex_closing`,
    `_r2`.`retired_closing`,
    `_r2`.`other_opening`,
    `_r2`.`other_in`,
    `_r2`.`other_out`,
    `_r2`.`net_change`,
    CAST(ROUND(
      CASE
        WHEN HASH(
          CAST(`_r2`.`other_opening` AS DECIMAL(38, 10)) + CAST(`_r2`.`other_in` AS DECIMAL(38, 10))
        ) >= -2147483648
        THEN (
          CAST(`_r2`.`other_opening` AS DECIMAL(38, 10)) + CAST(`_r2`.`other_in` AS DECIMAL(38, 10))
        ) - CAST(`_r2`.`other_out` AS DECIMAL(38, 10))
        ELSE CAST(RAISE_ERROR('formkit: unreachable') AS DECIMAL(38, 10))
      END,
      0
    ) AS DECIMAL(38, 10)) AS `other_closing`,
    CAST(ROUND(
      CASE
        WHEN HASH(
          CAST(`_r2`.`closing` AS DECIMAL(38, 10)) - CAST(`_r2`.`opening` AS DECIMAL(38, 10))
        ) >= -2147483648
        THEN CAST(ROUND(
          ELEMENT_AT(
            TRANSFORM(
              ARRAY(
                ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      CAST(`_r2`.`closing` AS DECIMAL(38, 10)) - CAST(`_r2`.`opening` AS DECIMAL(38, 10))
                    ),
                    fk_s3 -> CASE
                      WHEN CAST(`_r2`.`opening` AS DECIMAL(38, 10)) = 0
                      THEN NULL
                      WHEN ABS(CAST(`_r2`.`opening` AS DECIMAL(38, 10))) < 1
                      THEN CAST(fk_s3 / CAST(CAST(`_r2`.`opening` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
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
                                CAST(CAST(ABS(CAST(`_r2`.`opening` AS DECIMAL(38, 10))) - (
                                  ABS(CAST(`_r2`.`opening` AS DECIMAL(38, 10))) % 1
                                ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                              ) + CAST((
                                ABS(CAST(`_r2`.`opening` AS DECIMAL(38, 10))) % 1
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
                              CAST(`_r2`.`opening` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `change_rate`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r2`.`closing` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r2`.`closing` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / CAST(CAST(`_r2`.`closing` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r2`.`closing` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r2`.`closing` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r2`.`closing` AS DECIMAL(38, 10))) % 1
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
                        CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r2`.`closing` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `unemp_share`
  FROM (
    SELECT
      `_r1`.`_unit`,
      `_r1`.`_submitted`,
      `_r1`.`opening`,
      `_r1`.`received`,
      `_r1`.`released`,
      `_r1`.`unemp_opening`,
      `_r1`.`unemp_in`,
      `_r1`.`unemp_out`,
      `_r1`.`hard_opening`,
      `_r1`.`hard_in`,
      `_r1`.`hard_out`,
      `_r1`.`xiebao_opening`,
      `_r1`.`xiebao_in`,
      `_r1`.`xiebao_out`,
      `_r1`.`flex_opening`,
      `_r1`.`flex_in`,
      `_r1`.`flex_out`,
      `_r1`.`retired_opening`,
      `_r1`.`retired_in`,
      `_r1`.`retired_out`,
      `_r1`.`remark`,
      CAST(ROUND(
        CASE
          WHEN HASH(
            COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + CAST(`_r1`.`received` AS DECIMAL(38, 10))
          ) >= -2147483648
          THEN (
            COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + CAST(`_r1`.`received` AS DECIMAL(38, 10))
          ) - CAST(`_r1`.`released` AS DECIMAL(38, 10))
          ELSE CAST(RAISE_ERROR('formkit: unreachable') AS DECIMAL(38, 10))
        END,
        0
      ) AS DECIMAL(38, 10)) AS `closing`,
      CAST(ROUND(
        (
          COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
        ) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
        0
      ) AS DECIMAL(38, 10)) AS `unemp_closing`,
      CAST(ROUND(
        (
          COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
        ) - COALESCE(CAST(`_r1`.`hard_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
        0
      ) AS DECIMAL(38, 10)) AS `hard_closing`,
      CAST(ROUND(
        (
          COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
        ) - COALESCE(CAST(`_r1`.`xiebao_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
        0
      ) AS DECIMAL(38, 10)) AS `xiebao_closing`,
      CAST(ROUND(
        (
          COALESCE(CAST(`_r1`.`flex_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`flex_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
        ) - COALESCE(CAST(`_r1`.`flex_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
        0
      ) AS DECIMAL(38, 10)) AS `flex_closing`,
      CAST(ROUND(
        (
          COALESCE(CAST(`_r1`.`retired_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`retired_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
        ) - COALESCE(CAST(`_r1`.`retired_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
        0
      ) AS DECIMAL(38, 10)) AS `retired_closing`,
      CAST(ROUND(
        (
          (
            (
              (
                COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
              ) - COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
            ) - COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
          ) - COALESCE(CAST(`_r1`.`flex_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
        ) - COALESCE(CAST(`_r1`.`retired_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
        0
      ) AS DECIMAL(38, 10)) AS `other_opening`,
      CAST(ROUND(
        (
          (
            (
              (
                CAST(`_r1`.`received` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
              ) - COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
            ) - COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
          ) - COALESCE(CAST(`_r1`.`flex_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
        ) - COALESCE(CAST(`_r1`.`retired_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
        0
      ) AS DECIMAL(38, 10)) AS `other_in`,
      CAST(ROUND(
        (
          (
            (
              (
                CAST(`_r1`.`released` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
              ) - COALESCE(CAST(`_r1`.`hard_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
            ) - COALESCE(CAST(`_r1`.`xiebao_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
          ) - COALESCE(CAST(`_r1`.`flex_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10)))
        ) - COALESCE(CAST(`_r1`.`retired_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
        0
      ) AS DECIMAL(38, 10)) AS `other_out`,
      CAST(ROUND(
        CAST(`_r1`.`received` AS DECIMAL(38, 10)) - CAST(`_r1`.`released` AS DECIMAL(38, 10)),
        0
      ) AS DECIMAL(38, 10)) AS `net_change`
    FROM (
      SELECT
        `u`.`unit` AS `_unit`,
        `a`.`_submitted`,
        `a`.`opening`,
        `a`.`received`,
        `a`.`released`,
        `a`.`unemp_opening`,
        `a`.`unemp_in`,
        `a`.`unemp_out`,
        `a`.`hard_opening`,
        `a`.`hard_in`,
        `a`.`hard_out`,
        `a`.`xiebao_opening`,
        `a`.`xiebao_in`,
        `a`.`xiebao_out`,
        `a`.`flex_opening`,
        `a`.`flex_in`,
        `a`.`flex_out`,
        `a`.`retired_opening`,
        `a`.`retired_in`,
        `a`.`retired_out`,
        `a`.`remark`
      FROM `_units` AS `u`
      LEFT JOIN (
        SELECT
          `_g`.`_unit`,
          `_g`.`_submitted`,
          CAST(`_g`.`_p0_0` AS DECIMAL(38, 10)) AS `opening`,
          CAST(`_g`.`_p1_0` AS DECIMAL(38, 10)) AS `received`,
          CAST(`_g`.`_p2_0` AS DECIMAL(38, 10)) AS `released`,
          CAST(`_g`.`_p3_0` AS DECIMAL(38, 10)) AS `unemp_opening`,
          CAST(`_g`.`_p4_0` AS DECIMAL(38, 10)) AS `unemp_in`,
          CAST(`_g`.`_p5_0` AS DECIMAL(38, 10)) AS `unemp_out`,
          CAST(`_g`.`_p6_0` AS DECIMAL(38, 10)) AS `hard_opening`,
          CAST(`_g`.`_p7_0` AS DECIMAL(38, 10)) AS `hard_in`,
          CAST(`_g`.`_p8_0` AS DECIMAL(38, 10)) AS `hard_out`,
          CAST(`_g`.`_p9_0` AS DECIMAL(38, 10)) AS `xiebao_opening`,
          CAST(`_g`.`_p10_0` AS DECIMAL(38, 10)) AS `xiebao_in`,
          CAST(`_g`.`_p11_0` AS DECIMAL(38, 10)) AS `xiebao_out`,
          CAST(`_g`.`_p12_0` AS DECIMAL(38, 10)) AS `flex_opening`,
          CAST(`_g`.`_p13_0` AS DECIMAL(38, 10)) AS `flex_in`,
          CAST(`_g`.`_p14_0` AS DECIMAL(38, 10)) AS `flex_out`,
          CAST(`_g`.`_p15_0` AS DECIMAL(38, 10)) AS `retired_opening`,
          CAST(`_g`.`_p16_0` AS DECIMAL(38, 10)) AS `retired_in`,
          CAST(`_g`.`_p17_0` AS DECIMAL(38, 10)) AS `retired_out`,
          CAST(NULL AS STRING) AS `remark`
        FROM (
          SELECT
            `_unit`,
            COUNT(CASE WHEN `_n` = 1 THEN 1 END) AS `_submitted`,
            SUM(CAST(`opening` AS DECIMAL(38, 10))) AS `_p0_0`,
            SUM(CAST(`received` AS DECIMAL(38, 10))) AS `_p1_0`,
            SUM(CAST(`released` AS DECIMAL(38, 10))) AS `_p2_0`,
            SUM(CAST(`unemp_opening` AS DECIMAL(38, 10))) AS `_p3_0`,
            SUM(CAST(`unemp_in` AS DECIMAL(38, 10))) AS `_p4_0`,
            SUM(CAST(`unemp_out` AS DECIMAL(38, 10))) AS `_p5_0`,
            SUM(CAST(`hard_opening` AS DECIMAL(38, 10))) AS `_p6_0`,
            SUM(CAST(`hard_in` AS DECIMAL(38, 10))) AS `_p7_0`,
            SUM(CAST(`hard_out` AS DECIMAL(38, 10))) AS `_p8_0`,
            SUM(CAST(`xiebao_opening` AS DECIMAL(38, 10))) AS `_p9_0`,
            SUM(CAST(`xiebao_in` AS DECIMAL(38, 10))) AS `_p10_0`,
            SUM(CAST(`xiebao_out` AS DECIMAL(38, 10))) AS `_p11_0`,
            SUM(CAST(`flex_opening` AS DECIMAL(38, 10))) AS `_p12_0`,
            SUM(CAST(`flex_in` AS DECIMAL(38, 10))) AS `_p13_0`,
            SUM(CAST(`flex_out` AS DECIMAL(38, 10))) AS `_p14_0`,
            SUM(CAST(`retired_opening` AS DECIMAL(38, 10))) AS `_p15_0`,
            SUM(CAST(`retired_in` AS DECIMAL(38, 10))) AS `_p16_0`,
            SUM(CAST(`retired_out` AS DECIMAL(38, 10))) AS `_p17_0`
          FROM `_lv`
          GROUP BY
            `_unit`
        ) AS `_g`
      ) AS `a`
        ON `a`.`_unit` = `u`.`unit`
    ) AS `_r1`
  ) AS `_r2`
) AS `a`
LEFT JOIN `_cover` AS `c`
  ON `c`.`_unit` = `a`.`_unit`
ORDER BY
  `a`.`_unit`
