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
    `s`.`c_e69d72ae`,
    `s`.`c_264d960f`,
    `s`.`c_eaa896ad`,
    `s`.`c_bc58f7af`,
    `s`.`c_0d8e2f2a`,
    `s`.`c_b617a40f`,
    `s`.`c_d2be4c32`,
    `s`.`c_ac9bed40`,
    `s`.`c_905c78a8`
  FROM `fk_insurance_visit_record_v1` AS `s`
  JOIN `_leaves` AS `l`
    ON `s`.`org` = `l`.`leaf`
  WHERE
    `s`.`period` IN (:period_1) AND `s`.`state` IN ('submitted', 'approved')
), `_lv` AS (
  SELECT
    `_unit`,
    `_leaf`,
    1 AS `_n`,
    `c_e69d72ae`,
    `c_264d960f`,
    `c_eaa896ad`,
    `c_bc58f7af`,
    `c_0d8e2f2a`,
    `c_b617a40f`,
    `c_d2be4c32`,
    `c_ac9bed40`,
    `c_905c78a8`
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
  `a`.`c_e69d72ae`,
  `a`.`c_264d960f`,
  `a`.`c_eaa896ad`,
  `a`.`c_bc58f7af`,
  `a`.`c_0d8e2f2a`,
  `a`.`c_b617a40f`,
  `a`.`c_d2be4c32`,
  `a`.`c_ac9bed40`,
  `a`.`c_905c78a8`
FROM (
  SELECT
    `_r1`.`_unit`,
    `_r1`.`_submitted`,
    `_r1`.`c_e69d72ae`,
    `_r1`.`c_264d960f`,
    `_r1`.`c_eaa896ad`,
    `_r1`.`c_0d8e2f2a`,
    `_r1`.`c_d2be4c32`,
    `_r1`.`c_ac9bed40`,
    `_r1`.`c_905c78a8`,
    CAST(ROUND(
      CAST(ROUND(
        CASE
          WHEN CAST(`_r1`.`c_264d960f` AS DECIMAL(38, 10)) = 0
          THEN NULL
          WHEN ABS(CAST(`_r1`.`c_264d960f` AS DECIMAL(38, 10))) < 1
          THEN CAST(CAST(`_r1`.`c_eaa896ad` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`c_264d960f` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
          ELSE ELEMENT_AT(
            TRANSFORM(
              ARRAY(
                NAMED_STRUCT(
                  'v0',
                  (
                    CAST(CAST(ABS(CAST(`_r1`.`c_eaa896ad` AS DECIMAL(38, 10))) - (
                      ABS(CAST(`_r1`.`c_eaa896ad` AS DECIMAL(38, 10))) % 1
                    ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                  ) + CAST((
                    ABS(CAST(`_r1`.`c_eaa896ad` AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS DECIMAL(38, 0)),
                  'v1',
                  (
                    CAST(CAST(ABS(CAST(`_r1`.`c_264d960f` AS DECIMAL(38, 10))) - (
                      ABS(CAST(`_r1`.`c_264d960f` AS DECIMAL(38, 10))) % 1
                    ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                  ) + CAST((
                    ABS(CAST(`_r1`.`c_264d960f` AS DECIMAL(38, 10))) % 1
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
                  CAST(`_r1`.`c_eaa896ad` AS DECIMAL(38, 10)) < 0
                ) <> (
                  CAST(`_r1`.`c_264d960f` AS DECIMAL(38, 10)) < 0
                )
                THEN -1
                ELSE 1
              END AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
            ),
            1
          )
        END,
        1
      ) AS DECIMAL(38, 10)),
      1
    ) AS DECIMAL(38, 10)) AS `c_bc58f7af`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`c_e69d72ae` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`c_e69d72ae` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`c_0d8e2f2a` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`c_e69d72ae` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`c_0d8e2f2a` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`c_0d8e2f2a` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`c_0d8e2f2a` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`c_e69d72ae` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`c_e69d72ae` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`c_e69d72ae` AS DECIMAL(38, 10))) % 1
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
                        CAST(`_r1`.`c_0d8e2f2a` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`c_e69d72ae` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `c_b617a40f`
  FROM (
    SELECT
      `u`.`unit` AS `_unit`,
      `a`.`_submitted`,
      `a`.`c_e69d72ae`,
      `a`.`c_264d960f`,
      `a`.`c_eaa896ad`,
      `a`.`c_0d8e2f2a`,
      `a`.`c_d2be4c32`,
      `a`.`c_ac9bed40`,
      `a`.`c_905c78a8`
    FROM `_units` AS `u`
    LEFT JOIN (
      SELECT
        `_g`.`_unit`,
        `_g`.`_submitted`,
        CAST(`_g`.`_p0_0` AS DECIMAL(38, 10)) AS `c_e69d72ae`,
        CAST(`_g`.`_p1_0` AS DECIMAL(38, 10)) AS `c_264d960f`,
        CAST(`_g`.`_p2_0` AS DECIMAL(38, 10)) AS `c_eaa896ad`,
        CAST(`_g`.`_p3_0` AS DECIMAL(38, 10)) AS `c_0d8e2f2a`,
        CAST(`_g`.`_p4_0` AS DECIMAL(38, 10)) AS `c_d2be4c32`,
        CAST(`_g`.`_p5_0` AS DECIMAL(38, 10)) AS `c_ac9bed40`,
        CAST(`_g`.`_p6_0` AS DECIMAL(38, 10)) AS `c_905c78a8`
      FROM (
        SELECT
          `_unit`,
          COUNT(CASE WHEN `_n` = 1 THEN 1 END) AS `_submitted`,
          SUM(CAST(`c_e69d72ae` AS DECIMAL(38, 10))) AS `_p0_0`,
          SUM(CAST(`c_264d960f` AS DECIMAL(38, 10))) AS `_p1_0`,
          SUM(CAST(`c_eaa896ad` AS DECIMAL(38, 10))) AS `_p2_0`,
          SUM(CAST(`c_0d8e2f2a` AS DECIMAL(38, 10))) AS `_p3_0`,
          SUM(CAST(`c_d2be4c32` AS DECIMAL(38, 10))) AS `_p4_0`,
          SUM(CAST(`c_ac9bed40` AS DECIMAL(38, 10))) AS `_p5_0`,
          SUM(CAST(`c_905c78a8` AS DECIMAL(38, 10))) AS `_p6_0`
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
