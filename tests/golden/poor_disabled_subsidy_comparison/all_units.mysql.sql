-- parameters: org, period
SELECT
  `u`.`_unit`,
  `d`.`submission_id`,
  `d`.`org`,
  `d`.`period`,
  `d`.`state`,
  `d`.`updated_at`,
  `d`.`version`,
  `d`.`_src_revision`,
  `d`.`_src_periods`,
  `d`.`poor_persons`,
  `d`.`receiving`,
  `d`.`receiving_prev`,
  `d`.`added`,
  `d`.`stopped`,
  `d`.`amount`,
  `d`.`amount_prev`,
  `d`.`change`,
  `d`.`expired_paid`
FROM (
  SELECT
    `c`.`descendant` AS `_unit`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = %(org)s AND `c`.`descendant_level` = 4
) AS `u`
LEFT JOIN (
  SELECT
    `_src`.`submission_id`,
    `_src`.`org`,
    `_src`.`period`,
    `_src`.`state`,
    `_src`.`updated_at`,
    1 AS `version`,
    `_src`.`revision` AS `_src_revision`,
    1 AS `_src_periods`,
    CASE
      WHEN ABS(ROUND(CAST(`_src`.`poor_total` AS DECIMAL(38, 10)), 0)) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(ROUND(CAST(`_src`.`poor_total` AS DECIMAL(38, 10)), 0)) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(CAST(`_src`.`poor_total` AS DECIMAL(38, 10)), 0) AS DECIMAL(38, 10))
    END AS `poor_persons`,
    CASE
      WHEN ABS(
        ROUND(
          CASE
            WHEN ABS(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(
              1000 + ISNULL(
                ABS(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
              )
            ) AS DECIMAL(38, 10))
            ELSE CAST(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
          END,
          0
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            ROUND(
              CASE
                WHEN ABS(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
              END,
              0
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(
        CASE
          WHEN ABS(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            )
          ) AS DECIMAL(38, 10))
          ELSE CAST(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
        END,
        0
      ) AS DECIMAL(38, 10))
    END AS `receiving`,
    CASE
      WHEN ABS(ROUND(CAST(`_src`.`living_count_prev` AS DECIMAL(38, 10)), 0)) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(ROUND(CAST(`_src`.`living_count_prev` AS DECIMAL(38, 10)), 0)) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(CAST(`_src`.`living_count_prev` AS DECIMAL(38, 10)), 0) AS DECIMAL(38, 10))
    END AS `receiving_prev`,
    CASE
      WHEN ABS(
        ROUND(
          CASE
            WHEN ABS(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(
              1000 + ISNULL(
                ABS(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
              )
            ) AS DECIMAL(38, 10))
            ELSE CAST(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
          END,
          0
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            ROUND(
              CASE
                WHEN ABS(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
              END,
              0
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(
        CASE
          WHEN ABS(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            )
          ) AS DECIMAL(38, 10))
          ELSE CAST(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
        END,
        0
      ) AS DECIMAL(38, 10))
    END AS `added`,
    CASE
      WHEN ABS(
        ROUND(
          CASE
            WHEN ABS(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(
              1000 + ISNULL(
                ABS(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
              )
            ) AS DECIMAL(38, 10))
            ELSE CAST(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
          END,
          0
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            ROUND(
              CASE
                WHEN ABS(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
              END,
              0
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(
        CASE
          WHEN ABS(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            )
          ) AS DECIMAL(38, 10))
          ELSE CAST(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
        END,
        0
      ) AS DECIMAL(38, 10))
    END AS `stopped`,
    CASE
      WHEN ABS(
        ROUND(
          CASE
            WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
            ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
          END,
          2
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            ROUND(
              CASE
                WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
              END,
              2
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(
        CASE
          WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
          ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
        END,
        2
      ) AS DECIMAL(38, 10))
    END AS `amount`,
    CASE
      WHEN ABS(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2)) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2)) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10))
    END AS `amount_prev`,
    (
      SELECT
        CASE
          WHEN ABS(fk_l1.v0) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(1000 * (
            ABS(fk_l1.v0) >= 9999999999999999999999999999.99999999995
          )) AS DECIMAL(38, 10))
          ELSE CAST(fk_l1.v0 AS DECIMAL(38, 10))
        END
      FROM JSON_TABLE(
        JSON_ARRAY(
          ROUND(
            CASE
              WHEN ABS(
                CAST(COALESCE(
                  CAST(CASE
                    WHEN ABS(
                      ROUND(
                        CASE
                          WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                          THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                          ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
                        END,
                        2
                      )
                    ) >= 9999999999999999999999999999.99999999995
                    THEN CAST(EXP(
                      1000 * (
                        ABS(
                          ROUND(
                            CASE
                              WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                              THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                              ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
                            END,
                            2
                          )
                        ) >= 9999999999999999999999999999.99999999995
                      )
                    ) AS DECIMAL(38, 10))
                    ELSE CAST(ROUND(
                      CASE
                        WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                        THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                        ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
                      END,
                      2
                    ) AS DECIMAL(38, 10))
                  END AS DECIMAL(38, 10)),
                  CAST(0 AS DECIMAL(38, 10))
                ) - COALESCE(
                  CAST(CASE
                    WHEN ABS(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2)) >= 9999999999999999999999999999.99999999995
                    THEN CAST(EXP(
                      1000 * (
                        ABS(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2)) >= 9999999999999999999999999999.99999999995
                      )
                    ) AS DECIMAL(38, 10))
                    ELSE CAST(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10))
                  END AS DECIMAL(38, 10)),
                  CAST(0 AS DECIMAL(38, 10))
                ) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
              THEN CAST(EXP(
                1000 + ISNULL(
                  ABS(
                    CAST(COALESCE(
                      CAST(CASE
                        WHEN ABS(
                          ROUND(
                            CASE
                              WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                              THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                              ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
                            END,
                            2
                          )
                        ) >= 9999999999999999999999999999.99999999995
                        THEN CAST(EXP(
                          1000 * (
                            ABS(
                              ROUND(
                                CASE
                                  WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                                  THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                                  ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
                                END,
                                2
                              )
                            ) >= 9999999999999999999999999999.99999999995
                          )
                        ) AS DECIMAL(38, 10))
                        ELSE CAST(ROUND(
                          CASE
                            WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                            THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                            ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
                          END,
                          2
                        ) AS DECIMAL(38, 10))
                      END AS DECIMAL(38, 10)),
                      CAST(0 AS DECIMAL(38, 10))
                    ) - COALESCE(
                      CAST(CASE
                        WHEN ABS(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2)) >= 9999999999999999999999999999.99999999995
                        THEN CAST(EXP(
                          1000 * (
                            ABS(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2)) >= 9999999999999999999999999999.99999999995
                          )
                        ) AS DECIMAL(38, 10))
                        ELSE CAST(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10))
                      END AS DECIMAL(38, 10)),
                      CAST(0 AS DECIMAL(38, 10))
                    ) AS DECIMAL(65, 10))
                  ) >= 9999999999999999999999999999.99999999995
                )
              ) AS DECIMAL(38, 10))
              ELSE CAST(CAST(COALESCE(
                CAST(CASE
                  WHEN ABS(
                    ROUND(
                      CASE
                        WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                        THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                        ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
                      END,
                      2
                    )
                  ) >= 9999999999999999999999999999.99999999995
                  THEN CAST(EXP(
                    1000 * (
                      ABS(
                        ROUND(
                          CASE
                            WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                            THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                            ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
                          END,
                          2
                        )
                      ) >= 9999999999999999999999999999.99999999995
                    )
                  ) AS DECIMAL(38, 10))
                  ELSE CAST(ROUND(
                    CASE
                      WHEN ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995
                      THEN CAST(EXP(1000 + ISNULL(ABS(`_g_poor`.`_a3`) >= 9999999999999999999999999999.99999999995)) AS DECIMAL(38, 10))
                      ELSE CAST(`_g_poor`.`_a3` AS DECIMAL(38, 10))
                    END,
                    2
                  ) AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)),
                CAST(0 AS DECIMAL(38, 10))
              ) - COALESCE(
                CAST(CASE
                  WHEN ABS(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2)) >= 9999999999999999999999999999.99999999995
                  THEN CAST(EXP(
                    1000 * (
                      ABS(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2)) >= 9999999999999999999999999999.99999999995
                    )
                  ) AS DECIMAL(38, 10))
                  ELSE CAST(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)),
                CAST(0 AS DECIMAL(38, 10))
              ) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
            END,
            2
          )
        )
      , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l1
    ) AS `change`,
    CASE
      WHEN ABS(
        ROUND(
          CASE
            WHEN ABS(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(
              1000 + ISNULL(
                ABS(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
              )
            ) AS DECIMAL(38, 10))
            ELSE CAST(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
          END,
          0
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            ROUND(
              CASE
                WHEN ABS(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
              END,
              0
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(
        CASE
          WHEN ABS(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            )
          ) AS DECIMAL(38, 10))
          ELSE CAST(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
        END,
        0
      ) AS DECIMAL(38, 10))
    END AS `expired_paid`
  FROM `fk_disabled_persons_ledger_v1` AS `_src`
  LEFT JOIN (
    SELECT
      `c`.`submission_id` AS `_sid`,
      CAST(COUNT(
        CASE
          WHEN CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
          THEN 1
        END
      ) AS DECIMAL(38, 10)) AS `_a0`,
      CAST(COUNT(
        CASE
          WHEN (
            CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
          )
          AND (
            COALESCE(CAST(`c`.`last_subsidy` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) = CAST(0 AS DECIMAL(38, 10))
          )
          THEN 1
        END
      ) AS DECIMAL(38, 10)) AS `_a1`,
      CAST(COUNT(
        CASE
          WHEN (
            CAST(`c`.`subsidy` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
          )
          AND (
            CAST(`c`.`last_subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
          )
          THEN 1
        END
      ) AS DECIMAL(38, 10)) AS `_a2`,
      CASE
        WHEN ABS(SUM(CAST(`c`.`subsidy` AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
        THEN CAST(EXP(
          1000 * (
            ABS(SUM(CAST(`c`.`subsidy` AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
          )
        ) AS DECIMAL(38, 10))
        ELSE CAST(SUM(CAST(`c`.`subsidy` AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
      END AS `_a3`,
      CAST(COUNT(
        CASE
          WHEN (
            `c`.`cert` COLLATE utf8mb4_nopad_bin <> 'valid'
          )
          AND (
            CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
          )
          THEN 1
        END
      ) AS DECIMAL(38, 10)) AS `_a4`
    FROM `fk_disabled_persons_ledger_v1__poor` AS `c`
    GROUP BY
      `c`.`submission_id`
  ) AS `_g_poor`
    ON `_g_poor`.`_sid` = `_src`.`submission_id`
  WHERE
    `_src`.`period` IN (CAST(%(period)s AS CHAR))
    AND `_src`.`state` IN ('submitted', 'approved')
) AS `d`
  ON `d`.`org` = `u`.`_unit`
ORDER BY
  `u`.`_unit`
