-- parameters: org
WITH `_tree` AS (
  SELECT
    `c`.`descendant` AS `code`,
    COALESCE(`u`.`ancestor`, `c`.`descendant`) AS `unit`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  LEFT JOIN `fk_org__org_unit` AS `u`
    ON `u`.`descendant` = `c`.`descendant` AND `u`.`ancestor_level` = 3
  WHERE
    `c`.`ancestor` = :org
)
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
        fk_s1 -> CASE
          WHEN (
            fk_s1.v1
          ) = 0
          THEN NULL
          WHEN ABS(fk_s1.v1) < 1
          THEN CAST((
            fk_s1.v0
          ) / CAST(fk_s1.v1 AS DECIMAL(10, 10)) AS DECIMAL(38, 10))
          ELSE ELEMENT_AT(
            TRANSFORM(
              ARRAY(
                NAMED_STRUCT(
                  'v0',
                  (
                    CAST(CAST(ABS(fk_s1.v0) - (
                      ABS(fk_s1.v0) % 1
                    ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                  ) + CAST((
                    ABS(fk_s1.v0) % 1
                  ) * 10000000000 AS DECIMAL(38, 0)),
                  'v1',
                  (
                    CAST(CAST(ABS(fk_s1.v1) - (
                      ABS(fk_s1.v1) % 1
                    ) AS DECIMAL(38, 0)) AS DECIMAL(28, 0)) * 10000000000
                  ) + CAST((
                    ABS(fk_s1.v1) % 1
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
                  (
                    fk_s1.v0
                  ) < 0
                ) <> (
                  (
                    fk_s1.v1
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
  `u`.`level` = 3 OR `u`.`code` = :org
ORDER BY
  `u`.`code`
