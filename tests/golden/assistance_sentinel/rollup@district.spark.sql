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
    `l`.`ancestor` = :org AND `l`.`descendant_level` = 4
), `_subs` AS (
  SELECT
    `l`.`unit` AS `_unit`,
    `s`.`org` AS `_leaf`,
    CASE `s`.`period` WHEN :period_1 THEN 1 END AS `_pos`,
    `s`.`submission_id`,
    `s`.`recipients`,
    `s`.`recipients_dibao`,
    `s`.`recipients_tekun`,
    `s`.`recipients_dibian`,
    `s`.`amount_due`,
    `s`.`warnings_total`,
    `s`.`warnings_death`,
    `s`.`warnings_marriage`,
    `s`.`warnings_migration`,
    `s`.`stopped`,
    `s`.`changed`,
    `s`.`amount_stopped`,
    `s`.`amount_to_recover`,
    `s`.`warning_rate`
  FROM `fk_assistance_sentinel_v2` AS `s`
  JOIN `_leaves` AS `l`
    ON `s`.`org` = `l`.`leaf`
  WHERE
    `s`.`period` IN (:period_1) AND `s`.`state` IN ('submitted', 'approved')
), `_lv` AS (
  SELECT
    `_unit`,
    `_leaf`,
    1 AS `_n`,
    `recipients`,
    `recipients_dibao`,
    `recipients_tekun`,
    `recipients_dibian`,
    `amount_due`,
    `warnings_total`,
    `warnings_death`,
    `warnings_marriage`,
    `warnings_migration`,
    `stopped`,
    `changed`,
    `amount_stopped`,
    `amount_to_recover`,
    `warning_rate`
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
  `a`.`recipients`,
  `a`.`recipients_dibao`,
  `a`.`recipients_tekun`,
  `a`.`recipients_dibian`,
  `a`.`amount_due`,
  `a`.`warnings_total`,
  `a`.`warnings_death`,
  `a`.`warnings_marriage`,
  `a`.`warnings_migration`,
  `a`.`stopped`,
  `a`.`changed`,
  `a`.`amount_stopped`,
  `a`.`amount_to_recover`,
  `a`.`warning_rate`
FROM (
  SELECT
    `_r1`.`_unit`,
    `_r1`.`_submitted`,
    `_r1`.`recipients`,
    `_r1`.`recipients_dibao`,
    `_r1`.`recipients_tekun`,
    `_r1`.`recipients_dibian`,
    `_r1`.`amount_due`,
    `_r1`.`warnings_total`,
    `_r1`.`warnings_death`,
    `_r1`.`warnings_marriage`,
    `_r1`.`warnings_migration`,
    `_r1`.`stopped`,
    `_r1`.`changed`,
    `_r1`.`amount_stopped`,
    `_r1`.`amount_to_recover`,
    CAST(ROUND(
      CAST(ROUND(
        ELEMENT_AT(
          TRANSFORM(
            ARRAY(
              CASE
                WHEN CAST(`_r1`.`recipients` AS DECIMAL(38, 10)) = 0
                THEN NULL
                WHEN ABS(CAST(`_r1`.`recipients` AS DECIMAL(38, 10))) < 1
                THEN CAST(CAST(`_r1`.`warnings_total` AS DECIMAL(38, 10)) / CAST(CAST(`_r1`.`recipients` AS DECIMAL(38, 10)) AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
                ELSE ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NAMED_STRUCT(
                        'v0',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`warnings_total` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`warnings_total` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`warnings_total` AS DECIMAL(38, 10))) % 1
                        ) * 10000000000 AS DECIMAL(38, 0)),
                        'v1',
                        (
                          CAST(CAST(ABS(CAST(`_r1`.`recipients` AS DECIMAL(38, 10))) - (
                            ABS(CAST(`_r1`.`recipients` AS DECIMAL(38, 10))) % 1
                          ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                        ) + CAST((
                          ABS(CAST(`_r1`.`recipients` AS DECIMAL(38, 10))) % 1
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
                        CAST(`_r1`.`warnings_total` AS DECIMAL(38, 10)) < 0
                      ) <> (
                        CAST(`_r1`.`recipients` AS DECIMAL(38, 10)) < 0
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
    ) AS DECIMAL(38, 10)) AS `warning_rate`
  FROM (
    SELECT
      `u`.`unit` AS `_unit`,
      `a`.`_submitted`,
      `a`.`recipients`,
      `a`.`recipients_dibao`,
      `a`.`recipients_tekun`,
      `a`.`recipients_dibian`,
      `a`.`amount_due`,
      `a`.`warnings_total`,
      `a`.`warnings_death`,
      `a`.`warnings_marriage`,
      `a`.`warnings_migration`,
      `a`.`stopped`,
      `a`.`changed`,
      `a`.`amount_stopped`,
      `a`.`amount_to_recover`
    FROM `_units` AS `u`
    LEFT JOIN (
      SELECT
        `_g`.`_unit`,
        `_g`.`_submitted`,
        CAST(`_g`.`_p0_0` AS DECIMAL(38, 10)) AS `recipients`,
        CAST(`_g`.`_p1_0` AS DECIMAL(38, 10)) AS `recipients_dibao`,
        CAST(`_g`.`_p2_0` AS DECIMAL(38, 10)) AS `recipients_tekun`,
        CAST(`_g`.`_p3_0` AS DECIMAL(38, 10)) AS `recipients_dibian`,
        CAST(`_g`.`_p4_0` AS DECIMAL(38, 10)) AS `amount_due`,
        CAST(`_g`.`_p5_0` AS DECIMAL(38, 10)) AS `warnings_total`,
        CAST(`_g`.`_p6_0` AS DECIMAL(38, 10)) AS `warnings_death`,
        CAST(`_g`.`_p7_0` AS DECIMAL(38, 10)) AS `warnings_marriage`,
        CAST(`_g`.`_p8_0` AS DECIMAL(38, 10)) AS `warnings_migration`,
        CAST(`_g`.`_p9_0` AS DECIMAL(38, 10)) AS `stopped`,
        CAST(`_g`.`_p10_0` AS DECIMAL(38, 10)) AS `changed`,
        CAST(`_g`.`_p11_0` AS DECIMAL(38, 10)) AS `amount_stopped`,
        CAST(`_g`.`_p12_0` AS DECIMAL(38, 10)) AS `amount_to_recover`
      FROM (
        SELECT
          `_unit`,
          COUNT(CASE WHEN `_n` = 1 THEN 1 END) AS `_submitted`,
          SUM(CAST(`recipients` AS DECIMAL(38, 10))) AS `_p0_0`,
          SUM(CAST(`recipients_dibao` AS DECIMAL(38, 10))) AS `_p1_0`,
          SUM(CAST(`recipients_tekun` AS DECIMAL(38, 10))) AS `_p2_0`,
          SUM(CAST(`recipients_dibian` AS DECIMAL(38, 10))) AS `_p3_0`,
          SUM(CAST(`amount_due` AS DECIMAL(38, 10))) AS `_p4_0`,
          SUM(CAST(`warnings_total` AS DECIMAL(38, 10))) AS `_p5_0`,
          SUM(CAST(`warnings_death` AS DECIMAL(38, 10))) AS `_p6_0`,
          SUM(CAST(`warnings_marriage` AS DECIMAL(38, 10))) AS `_p7_0`,
          SUM(CAST(`warnings_migration` AS DECIMAL(38, 10))) AS `_p8_0`,
          SUM(CAST(`stopped` AS DECIMAL(38, 10))) AS `_p9_0`,
          SUM(CAST(`changed` AS DECIMAL(38, 10))) AS `_p10_0`,
          SUM(CAST(`amount_stopped` AS DECIMAL(38, 10))) AS `_p11_0`,
          SUM(CAST(`amount_to_recover` AS DECIMAL(38, 10))) AS `_p12_0`
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
