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
    `s`.`disabled_total`,
    `s`.`cert_valid`,
    `s`.`cert_expired`,
    `s`.`severe_total`,
    `s`.`poor_total`,
    `s`.`nursing_count`,
    `s`.`nursing_count_prev`,
    `s`.`nursing_added`,
    `s`.`nursing_stopped`,
    `s`.`nursing_total`,
    `s`.`nursing_total_prev`,
    `s`.`nursing_total_change`,
    `s`.`living_count`,
    `s`.`living_count_prev`,
    `s`.`living_total`,
    `s`.`living_total_prev`,
    `s`.`living_total_change`,
    `s`.`subsidy_total`,
    `s`.`severe_coverage`,
    `s`.`by_type__visual__grade_1`,
    `s`.`by_type__visual__grade_2`,
    `s`.`by_type__visual__grade_3`,
    `s`.`by_type__visual__grade_4`,
    `s`.`by_type__visual__all`,
    `s`.`by_type__hearing__grade_1`,
    `s`.`by_type__hearing__grade_2`,
    `s`.`by_type__hearing__grade_3`,
    `s`.`by_type__hearing__grade_4`,
    `s`.`by_type__hearing__all`,
    `s`.`by_type__speech__grade_1`,
    `s`.`by_type__speech__grade_2`,
    `s`.`by_type__speech__grade_3`,
    `s`.`by_type__speech__grade_4`,
    `s`.`by_type__speech__all`,
    `s`.`by_type__physical__grade_1`,
    `s`.`by_type__physical__grade_2`,
    `s`.`by_type__physical__grade_3`,
    `s`.`by_type__physical__grade_4`,
    `s`.`by_type__physical__all`,
    `s`.`by_type__intellectual__grade_1`,
    `s`.`by_type__intellectual__grade_2`,
    `s`.`by_type__intellectual__grade_3`,
    `s`.`by_type__intellectual__grade_4`,
    `s`.`by_type__intellectual__all`,
    `s`.`by_type__mental__grade_1`,
    `s`.`by_type__mental__grade_2`,
    `s`.`by_type__mental__grade_3`,
    `s`.`by_type__mental__grade_4`,
    `s`.`by_type__mental__all`,
    `s`.`by_type__multiple__grade_1`,
    `s`.`by_type__multiple__grade_2`,
    `s`.`by_type__multiple__grade_3`,
    `s`.`by_type__multiple__grade_4`,
    `s`.`by_type__multiple__all`,
    `s`.`by_type__total__grade_1`,
    `s`.`by_type__total__grade_2`,
    `s`.`by_type__total__grade_3`,
    `s`.`by_type__total__grade_4`,
    `s`.`by_type__total__all`
  FROM `fk_disabled_persons_ledger_v1` AS `s`
  JOIN `_leaves` AS `l`
    ON `s`.`org` = `l`.`leaf`
  WHERE
    `s`.`period` IN (:period_1) AND `s`.`state` IN ('submitted', 'approved')
), `_lv` AS (
  SELECT
    `_unit`,
    `_leaf`,
    1 AS `_n`,
    `disabled_total`,
    `cert_valid`,
    `cert_expired`,
    `severe_total`,
    `poor_total`,
    `nursing_count`,
    `nursing_count_prev`,
    `nursing_added`,
    `nursing_stopped`,
    `nursing_total`,
    `nursing_total_prev`,
    `nursing_total_change`,
    `living_count`,
    `living_count_prev`,
    `living_total`,
    `living_total_prev`,
    `living_total_change`,
    `subsidy_total`,
    `severe_coverage`,
    `by_type__visual__grade_1`,
    `by_type__visual__grade_2`,
    `by_type__visual__grade_3`,
    `by_type__visual__grade_4`,
    `by_type__visual__all`,
    `by_type__hearing__grade_1`,
    `by_type__hearing__grade_2`,
    `by_type__hearing__grade_3`,
    `by_type__hearing__grade_4`,
    `by_type__hearing__all`,
    `by_type__speech__grade_1`,
    `by_type__speech__grade_2`,
    `by_type__speech__grade_3`,
    `by_type__speech__grade_4`,
    `by_type__speech__all`,
    `by_type__physical__grade_1`,
    `by_type__physical__grade_2`,
    `by_type__physical__grade_3`,
    `by_type__physical__grade_4`,
    `by_type__physical__all`,
    `by_type__intellectual__grade_1`,
    `by_type__intellectual__grade_2`,
    `by_type__intellectual__grade_3`,
    `by_type__intellectual__grade_4`,
    `by_type__intellectual__all`,
    `by_type__mental__grade_1`,
    `by_type__mental__grade_2`,
    `by_type__mental__grade_3`,
    `by_type__mental__grade_4`,
    `by_type__mental__all`,
    `by_type__multiple__grade_1`,
    `by_type__multiple__grade_2`,
    `by_type__multiple__grade_3`,
    `by_type__multiple__grade_4`,
    `by_type__multiple__all`,
    `by_type__total__grade_1`,
    `by_type__total__grade_2`,
    `by_type__total__grade_3`,
    `by_type__total__grade_4`,
    `by_type__total__all`
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
  `a`.`disabled_total`,
  `a`.`cert_valid`,
  `a`.`cert_expired`,
  `a`.`severe_total`,
  `a`.`poor_total`,
  `a`.`nursing_count`,
  `a`.`nursing_count_prev`,
  `a`.`nursing_added`,
  `a`.`nursing_stopped`,
  `a`.`nursing_total`,
  `a`.`nursing_total_prev`,
  `a`.`nursing_total_change`,
  `a`.`living_count`,
  `a`.`living_count_prev`,
  `a`.`living_total`,
  `a`.`living_total_prev`,
  `a`.`living_total_change`,
  `a`.`subsidy_total`,
  `a`.`severe_coverage`,
  `a`.`by_type__visual__grade_1`,
  `a`.`by_type__visual__grade_2`,
  `a`.`by_type__visual__grade_3`,
  `a`.`by_type__visual__grade_4`,
  `a`.`by_type__visual__all`,
  `a`.`by_type__hearing__grade_1`,
  `a`.`by_type__hearing__grade_2`,
  `a`.`by_type__hearing__grade_3`,
  `a`.`by_type__hearing__grade_4`,
  `a`.`by_type__hearing__all`,
  `a`.`by_type__speech__grade_1`,
  `a`.`by_type__speech__grade_2`,
  `a`.`by_type__speech__grade_3`,
  `a`.`by_type__speech__grade_4`,
  `a`.`by_type__speech__all`,
  `a`.`by_type__physical__grade_1`,
  `a`.`by_type__physical__grade_2`,
  `a`.`by_type__physical__grade_3`,
  `a`.`by_type__physical__grade_4`,
  `a`.`by_type__physical__all`,
  `a`.`by_type__intellectual__grade_1`,
  `a`.`by_type__intellectual__grade_2`,
  `a`.`by_type__intellectual__grade_3`,
  `a`.`by_type__intellectual__grade_4`,
  `a`.`by_type__intellectual__all`,
  `a`.`by_type__mental__grade_1`,
  `a`.`by_type__mental__grade_2`,
  `a`.`by_type__mental__grade_3`,
  `a`.`by_type__mental__grade_4`,
  `a`.`by_type__mental__all`,
  `a`.`by_type__multiple__grade_1`,
  `a`.`by_type__multiple__grade_2`,
  `a`.`by_type__multiple__grade_3`,
  `a`.`by_type__multiple__grade_4`,
  `a`.`by_type__multiple__all`,
  `a`.`by_type__total__grade_1`,
  `a`.`by_type__total__grade_2`,
  `a`.`by_type__total__grade_3`,
  `a`.`by_type__total__grade_4`,
  `a`.`by_type__total__all`
FROM (
  SELECT
    `_r1`.`_unit`,
    `_r1`.`_submitted`,
    `_r1`.`disabled_total`,
    `_r1`.`cert_valid`,
    `_r1`.`cert_expired`,
    `_r1`.`severe_total`,
    `_r1`.`poor_total`,
    `_r1`.`nursing_count`,
    `_r1`.`nursing_count_prev`,
    `_r1`.`nursing_added`,
    `_r1`.`nursing_stopped`,
    `_r1`.`nursing_total`,
    `_r1`.`nursing_total_prev`,
    `_r1`.`nursing_total_change`,
    `_r1`.`living_count`,
    `_r1`.`living_count_prev`,
    `_r1`.`living_total`,
    `_r1`.`living_total_prev`,
    `_r1`.`living_total_change`,
    `_r1`.`by_type__visual__grade_1`,
    `_r1`.`by_type__visual__grade_2`,
    `_r1`.`by_type__visual__grade_3`,
    `_r1`.`by_type__visual__grade_4`,
    `_r1`.`by_type__visual__all`,
    `_r1`.`by_type__hearing__grade_1`,
    `_r1`.`by_type__hearing__grade_2`,
    `_r1`.`by_type__hearing__grade_3`,
    `_r1`.`by_type__hearing__grade_4`,
    `_r1`.`by_type__hearing__all`,
    `_r1`.`by_type__speech__grade_1`,
    `_r1`.`by_type__speech__grade_2`,
    `_r1`.`by_type__speech__grade_3`,
    `_r1`.`by_type__speech__grade_4`,
    `_r1`.`by_type__speech__all`,
    `_r1`.`by_type__physical__grade_1`,
    `_r1`.`by_type__physical__grade_2`,
    `_r1`.`by_type__physical__grade_3`,
    `_r1`.`by_type__physical__grade_4`,
    `_r1`.`by_type__physical__all`,
    `_r1`.`by_type__intellectual__grade_1`,
    `_r1`.`by_type__intellectual__grade_2`,
    `_r1`.`by_type__intellectual__grade_3`,
    `_r1`.`by_type__intellectual__grade_4`,
    `_r1`.`by_type__intellectual__all`,
    `_r1`.`by_type__mental__grade_1`,
    `_r1`.`by_type__mental__grade_2`,
    `_r1`.`by_type__mental__grade_3`,
    `_r1`.`by_type__mental__grade_4`,
    `_r1`.`by_type__mental__all`,
    `_r1`.`by_type__multiple__grade_1`,
    `_r1`.`by_type__multiple__grade_2`,
    `_r1`.`by_type__multiple__grade_3`,
    `_r1`.`by_type__multiple__grade_4`,
    `_r1`.`by_type__multiple__all`,
    `_r1`.`by_type__total__grade_1`,
    `_r1`.`by_type__total__grade_2`,
    `_r1`.`by_type__total__grade_3`,
    `_r1`.`by_type__total__grade_4`,
    `_r1`.`by_type__total__all`,
    CAST(ROUND(
      COALESCE(CAST(`_r1`.`nursing_total` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`living_total` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
      2
    ) AS DECIMAL(38, 10)) AS `subsidy_total`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`severe_total` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`severe_total` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`nursing_count` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`severe_total` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`nursing_count` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`nursing_count` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`nursing_count` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`severe_total` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`severe_total` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`severe_total` AS DECIMAL(38, 10))) % 1
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
                        CAST(`_r1`.`nursing_count` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`severe_total` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `severe_coverage`
  FROM (
    SELECT
      `u`.`unit` AS `_unit`,
      `a`.`_submitted`,
      `a`.`disabled_total`,
      `a`.`cert_valid`,
      `a`.`cert_expired`,
      `a`.`severe_total`,
      `a`.`poor_total`,
      `a`.`nursing_count`,
      `a`.`nursing_count_prev`,
      `a`.`nursing_added`,
      `a`.`nursing_stopped`,
      `a`.`nursing_total`,
      `a`.`nursing_total_prev`,
      `a`.`nursing_total_change`,
      `a`.`living_count`,
      `a`.`living_count_prev`,
      `a`.`living_total`,
      `a`.`living_total_prev`,
      `a`.`living_total_change`,
      `a`.`by_type__visual__grade_1`,
      `a`.`by_type__visual__grade_2`,
      `a`.`by_type__visual__grade_3`,
      `a`.`by_type__visual__grade_4`,
      `a`.`by_type__visual__all`,
      `a`.`by_type__hearing__grade_1`,
      `a`.`by_type__hearing__grade_2`,
      `a`.`by_type__hearing__grade_3`,
      `a`.`by_type__hearing__grade_4`,
      `a`.`by_type__hearing__all`,
      `a`.`by_type__speech__grade_1`,
      `a`.`by_type__speech__grade_2`,
      `a`.`by_type__speech__grade_3`,
      `a`.`by_type__speech__grade_4`,
      `a`.`by_type__speech__all`,
      `a`.`by_type__physical__grade_1`,
      `a`.`by_type__physical__grade_2`,
      `a`.`by_type__physical__grade_3`,
      `a`.`by_type__physical__grade_4`,
      `a`.`by_type__physical__all`,
      `a`.`by_type__intellectual__grade_1`,
      `a`.`by_type__intellectual__grade_2`,
      `a`.`by_type__intellectual__grade_3`,
      `a`.`by_type__intellectual__grade_4`,
      `a`.`by_type__intellectual__all`,
      `a`.`by_type__mental__grade_1`,
      `a`.`by_type__mental__grade_2`,
      `a`.`by_type__mental__grade_3`,
      `a`.`by_type__mental__grade_4`,
      `a`.`by_type__mental__all`,
      `a`.`by_type__multiple__grade_1`,
      `a`.`by_type__multiple__grade_2`,
      `a`.`by_type__multiple__grade_3`,
      `a`.`by_type__multiple__grade_4`,
      `a`.`by_type__multiple__all`,
      `a`.`by_type__total__grade_1`,
      `a`.`by_type__total__grade_2`,
      `a`.`by_type__total__grade_3`,
      `a`.`by_type__total__grade_4`,
      `a`.`by_type__total__all`
    FROM `_units` AS `u`
    LEFT JOIN (
      SELECT
        `_g`.`_unit`,
        `_g`.`_submitted`,
        CAST(`_g`.`_p0_0` AS DECIMAL(38, 10)) AS `disabled_total`,
        CAST(`_g`.`_p1_0` AS DECIMAL(38, 10)) AS `cert_valid`,
        CAST(`_g`.`_p2_0` AS DECIMAL(38, 10)) AS `cert_expired`,
        CAST(`_g`.`_p3_0` AS DECIMAL(38, 10)) AS `severe_total`,
        CAST(`_g`.`_p4_0` AS DECIMAL(38, 10)) AS `poor_total`,
        CAST(`_g`.`_p5_0` AS DECIMAL(38, 10)) AS `nursing_count`,
        CAST(`_g`.`_p6_0` AS DECIMAL(38, 10)) AS `nursing_count_prev`,
        CAST(`_g`.`_p7_0` AS DECIMAL(38, 10)) AS `nursing_added`,
        CAST(`_g`.`_p8_0` AS DECIMAL(38, 10)) AS `nursing_stopped`,
        CAST(`_g`.`_p9_0` AS DECIMAL(38, 10)) AS `nursing_total`,
        CAST(`_g`.`_p10_0` AS DECIMAL(38, 10)) AS `nursing_total_prev`,
        CAST(`_g`.`_p11_0` AS DECIMAL(38, 10)) AS `nursing_total_change`,
        CAST(`_g`.`_p12_0` AS DECIMAL(38, 10)) AS `living_count`,
        CAST(`_g`.`_p13_0` AS DECIMAL(38, 10)) AS `living_count_prev`,
        CAST(`_g`.`_p14_0` AS DECIMAL(38, 10)) AS `living_total`,
        CAST(`_g`.`_p15_0` AS DECIMAL(38, 10)) AS `living_total_prev`,
        CAST(`_g`.`_p16_0` AS DECIMAL(38, 10)) AS `living_total_change`,
        CAST(`_g`.`_p17_0` AS DECIMAL(38, 10)) AS `by_type__visual__grade_1`,
        CAST(`_g`.`_p18_0` AS DECIMAL(38, 10)) AS `by_type__visual__grade_2`,
        CAST(`_g`.`_p19_0` AS DECIMAL(38, 10)) AS `by_type__visual__grade_3`,
        CAST(`_g`.`_p20_0` AS DECIMAL(38, 10)) AS `by_type__visual__grade_4`,
        CAST(`_g`.`_p21_0` AS DECIMAL(38, 10)) AS `by_type__visual__all`,
        CAST(`_g`.`_p22_0` AS DECIMAL(38, 10)) AS `by_type__hearing__grade_1`,
        CAST(`_g`.`_p23_0` AS DECIMAL(38, 10)) AS `by_type__hearing__grade_2`,
        CAST(`_g`.`_p24_0` AS DECIMAL(38, 10)) AS `by_type__hearing__grade_3`,
        CAST(`_g`.`_p25_0` AS DECIMAL(38, 10)) AS `by_type__hearing__grade_4`,
        CAST(`_g`.`_p26_0` AS DECIMAL(38, 10)) AS `by_type__hearing__all`,
        CAST(`_g`.`_p27_0` AS DECIMAL(38, 10)) AS `by_type__speech__grade_1`,
        CAST(`_g`.`_p28_0` AS DECIMAL(38, 10)) AS `by_type__speech__grade_2`,
        CAST(`_g`.`_p29_0` AS DECIMAL(38, 10)) AS `by_type__speech__grade_3`,
        CAST(`_g`.`_p30_0` AS DECIMAL(38, 10)) AS `by_type__speech__grade_4`,
        CAST(`_g`.`_p31_0` AS DECIMAL(38, 10)) AS `by_type__speech__all`,
        CAST(`_g`.`_p32_0` AS DECIMAL(38, 10)) AS `by_type__physical__grade_1`,
        CAST(`_g`.`_p33_0` AS DECIMAL(38, 10)) AS `by_type__physical__grade_2`,
        CAST(`_g`.`_p34_0` AS DECIMAL(38, 10)) AS `by_type__physical__grade_3`,
        CAST(`_g`.`_p35_0` AS DECIMAL(38, 10)) AS `by_type__physical__grade_4`,
        CAST(`_g`.`_p36_0` AS DECIMAL(38, 10)) AS `by_type__physical__all`,
        CAST(`_g`.`_p37_0` AS DECIMAL(38, 10)) AS `by_type__intellectual__grade_1`,
        CAST(`_g`.`_p38_0` AS DECIMAL(38, 10)) AS `by_type__intellectual__grade_2`,
        CAST(`_g`.`_p39_0` AS DECIMAL(38, 10)) AS `by_type__intellectual__grade_3`,
        CAST(`_g`.`_p40_0` AS DECIMAL(38, 10)) AS `by_type__intellectual__grade_4`,
        CAST(`_g`.`_p41_0` AS DECIMAL(38, 10)) AS `by_type__intellectual__all`,
        CAST(`_g`.`_p42_0` AS DECIMAL(38, 10)) AS `by_type__mental__grade_1`,
        CAST(`_g`.`_p43_0` AS DECIMAL(38, 10)) AS `by_type__mental__grade_2`,
        CAST(`_g`.`_p44_0` AS DECIMAL(38, 10)) AS `by_type__mental__grade_3`,
        CAST(`_g`.`_p45_0` AS DECIMAL(38, 10)) AS `by_type__mental__grade_4`,
        CAST(`_g`.`_p46_0` AS DECIMAL(38, 10)) AS `by_type__mental__all`,
        CAST(`_g`.`_p47_0` AS DECIMAL(38, 10)) AS `by_type__multiple__grade_1`,
        CAST(`_g`.`_p48_0` AS DECIMAL(38, 10)) AS `by_type__multiple__grade_2`,
        CAST(`_g`.`_p49_0` AS DECIMAL(38, 10)) AS `by_type__multiple__grade_3`,
        CAST(`_g`.`_p50_0` AS DECIMAL(38, 10)) AS `by_type__multiple__grade_4`,
        CAST(`_g`.`_p51_0` AS DECIMAL(38, 10)) AS `by_type__multiple__all`,
        CAST(`_g`.`_p52_0` AS DECIMAL(38, 10)) AS `by_type__total__grade_1`,
        CAST(`_g`.`_p53_0` AS DECIMAL(38, 10)) AS `by_type__total__grade_2`,
        CAST(`_g`.`_p54_0` AS DECIMAL(38, 10)) AS `by_type__total__grade_3`,
        CAST(`_g`.`_p55_0` AS DECIMAL(38, 10)) AS `by_type__total__grade_4`,
        CAST(`_g`.`_p56_0` AS DECIMAL(38, 10)) AS `by_type__total__all`
      FROM (
        SELECT
          `_unit`,
          COUNT(CASE WHEN `_n` = 1 THEN 1 END) AS `_submitted`,
          SUM(CAST(`disabled_total` AS DECIMAL(38, 10))) AS `_p0_0`,
          SUM(CAST(`cert_valid` AS DECIMAL(38, 10))) AS `_p1_0`,
          SUM(CAST(`cert_expired` AS DECIMAL(38, 10))) AS `_p2_0`,
          SUM(CAST(`severe_total` AS DECIMAL(38, 10))) AS `_p3_0`,
          SUM(CAST(`poor_total` AS DECIMAL(38, 10))) AS `_p4_0`,
          SUM(CAST(`nursing_count` AS DECIMAL(38, 10))) AS `_p5_0`,
          SUM(CAST(`nursing_count_prev` AS DECIMAL(38, 10))) AS `_p6_0`,
          SUM(CAST(`nursing_added` AS DECIMAL(38, 10))) AS `_p7_0`,
          SUM(CAST(`nursing_stopped` AS DECIMAL(38, 10))) AS `_p8_0`,
          SUM(CAST(`nursing_total` AS DECIMAL(38, 10))) AS `_p9_0`,
          SUM(CAST(`nursing_total_prev` AS DECIMAL(38, 10))) AS `_p10_0`,
          SUM(CAST(`nursing_total_change` AS DECIMAL(38, 10))) AS `_p11_0`,
          SUM(CAST(`living_count` AS DECIMAL(38, 10))) AS `_p12_0`,
          SUM(CAST(`living_count_prev` AS DECIMAL(38, 10))) AS `_p13_0`,
          SUM(CAST(`living_total` AS DECIMAL(38, 10))) AS `_p14_0`,
          SUM(CAST(`living_total_prev` AS DECIMAL(38, 10))) AS `_p15_0`,
          SUM(CAST(`living_total_change` AS DECIMAL(38, 10))) AS `_p16_0`,
          SUM(CAST(`by_type__visual__grade_1` AS DECIMAL(38, 10))) AS `_p17_0`,
          SUM(CAST(`by_type__visual__grade_2` AS DECIMAL(38, 10))) AS `_p18_0`,
          SUM(CAST(`by_type__visual__grade_3` AS DECIMAL(38, 10))) AS `_p19_0`,
          SUM(CAST(`by_type__visual__grade_4` AS DECIMAL(38, 10))) AS `_p20_0`,
          SUM(CAST(`by_type__visual__all` AS DECIMAL(38, 10))) AS `_p21_0`,
          SUM(CAST(`by_type__hearing__grade_1` AS DECIMAL(38, 10))) AS `_p22_0`,
          SUM(CAST(`by_type__hearing__grade_2` AS DECIMAL(38, 10))) AS `_p23_0`,
          SUM(CAST(`by_type__hearing__grade_3` AS DECIMAL(38, 10))) AS `_p24_0`,
          SUM(CAST(`by_type__hearing__grade_4` AS DECIMAL(38, 10))) AS `_p25_0`,
          SUM(CAST(`by_type__hearing__all` AS DECIMAL(38, 10))) AS `_p26_0`,
          SUM(CAST(`by_type__speech__grade_1` AS DECIMAL(38, 10))) AS `_p27_0`,
          SUM(CAST(`by_type__speech__grade_2` AS DECIMAL(38, 10))) AS `_p28_0`,
          SUM(CAST(`by_type__speech__grade_3` AS DECIMAL(38, 10))) AS `_p29_0`,
          SUM(CAST(`by_type__speech__grade_4` AS DECIMAL(38, 10))) AS `_p30_0`,
          SUM(CAST(`by_type__speech__all` AS DECIMAL(38, 10))) AS `_p31_0`,
          SUM(CAST(`by_type__physical__grade_1` AS DECIMAL(38, 10))) AS `_p32_0`,
          SUM(CAST(`by_type__physical__grade_2` AS DECIMAL(38, 10))) AS `_p33_0`,
          SUM(CAST(`by_type__physical__grade_3` AS DECIMAL(38, 10))) AS `_p34_0`,
          SUM(CAST(`by_type__physical__grade_4` AS DECIMAL(38, 10))) AS `_p35_0`,
          SUM(CAST(`by_type__physical__all` AS DECIMAL(38, 10))) AS `_p36_0`,
          SUM(CAST(`by_type__intellectual__grade_1` AS DECIMAL(38, 10))) AS `_p37_0`,
          SUM(CAST(`by_type__intellectual__grade_2` AS DECIMAL(38, 10))) AS `_p38_0`,
          SUM(CAST(`by_type__intellectual__grade_3` AS DECIMAL(38, 10))) AS `_p39_0`,
          SUM(CAST(`by_type__intellectual__grade_4` AS DECIMAL(38, 10))) AS `_p40_0`,
          SUM(CAST(`by_type__intellectual__all` AS DECIMAL(38, 10))) AS `_p41_0`,
          SUM(CAST(`by_type__mental__grade_1` AS DECIMAL(38, 10))) AS `_p42_0`,
          SUM(CAST(`by_type__mental__grade_2` AS DECIMAL(38, 10))) AS `_p43_0`,
          SUM(CAST(`by_type__mental__grade_3` AS DECIMAL(38, 10))) AS `_p44_0`,
          SUM(CAST(`by_type__mental__grade_4` AS DECIMAL(38, 10))) AS `_p45_0`,
          SUM(CAST(`by_type__mental__all` AS DECIMAL(38, 10))) AS `_p46_0`,
          SUM(CAST(`by_type__multiple__grade_1` AS DECIMAL(38, 10))) AS `_p47_0`,
          SUM(CAST(`by_type__multiple__grade_2` AS DECIMAL(38, 10))) AS `_p48_0`,
          SUM(CAST(`by_type__multiple__grade_3` AS DECIMAL(38, 10))) AS `_p49_0`,
          SUM(CAST(`by_type__multiple__grade_4` AS DECIMAL(38, 10))) AS `_p50_0`,
          SUM(CAST(`by_type__multiple__all` AS DECIMAL(38, 10))) AS `_p51_0`,
          SUM(CAST(`by_type__total__grade_1` AS DECIMAL(38, 10))) AS `_p52_0`,
          SUM(CAST(`by_type__total__grade_2` AS DECIMAL(38, 10))) AS `_p53_0`,
          SUM(CAST(`by_type__total__grade_3` AS DECIMAL(38, 10))) AS `_p54_0`,
          SUM(CAST(`by_type__total__grade_4` AS DECIMAL(38, 10))) AS `_p55_0`,
          SUM(CAST(`by_type__total__all` AS DECIMAL(38, 10))) AS `_p56_0`
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
