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
    `c`.`ancestor` = %(org)s
)
SELECT
  `u`.`code` AS `_unit`,
  `u`.`level` AS `_level`,
  COALESCE(`agg_elderly_facility`.`a1`, 0) AS `inst_count`,
  COALESCE(`agg_elderly_facility`.`a2`, 0) AS `inst_public`,
  COALESCE(`agg_elderly_facility`.`a3`, 0) AS `inst_medical`,
  CASE
    WHEN ABS(`agg_elderly_facility`.`a4`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_elderly_facility`.`a4`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_elderly_facility`.`a4` AS DECIMAL(38, 10))
  END AS `beds`,
  CASE
    WHEN ABS(`agg_elderly_facility`.`a5`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_elderly_facility`.`a5`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_elderly_facility`.`a5` AS DECIMAL(38, 10))
  END AS `nursing_beds`,
  CASE
    WHEN ABS(`agg_elderly_facility`.`a6`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_elderly_facility`.`a6`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_elderly_facility`.`a6` AS DECIMAL(38, 10))
  END AS `occupied`,
  CASE
    WHEN ABS(`agg_elderly_facility`.`a7`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_elderly_facility`.`a7`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_elderly_facility`.`a7` AS DECIMAL(38, 10))
  END AS `avg_beds`,
  COALESCE(`agg_elderly_facility`.`a8`, 0) AS `daycare_count`,
  CASE
    WHEN ABS(`agg_elderly_facility`.`a9`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_elderly_facility`.`a9`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_elderly_facility`.`a9` AS DECIMAL(38, 10))
  END AS `daycare_capacity`,
  COALESCE(`agg_elderly_facility`.`a10`, 0) AS `meal_count`,
  CASE
    WHEN ABS(`agg_elderly_facility`.`a11`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_elderly_facility`.`a11`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_elderly_facility`.`a11` AS DECIMAL(38, 10))
  END AS `meal_capacity`,
  COALESCE(`agg_elderly_facility`.`a12`, 0) AS `center_count`,
  CASE
    WHEN ABS(`agg_elderly_facility`.`a13`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_elderly_facility`.`a13`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_elderly_facility`.`a13` AS DECIMAL(38, 10))
  END AS `staff_total`,
  CASE
    WHEN ABS(`agg_elderly_facility`.`a14`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_elderly_facility`.`a14`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_elderly_facility`.`a14` AS DECIMAL(38, 10))
  END AS `nurses`,
  CASE
    WHEN ABS(`agg_elderly_facility`.`a15`) >= 9999999999999999999999999999.99999999995
    THEN CAST(EXP(
      1000 + ISNULL(ABS(`agg_elderly_facility`.`a15`) >= 9999999999999999999999999999.99999999995)
    ) AS DECIMAL(38, 10))
    ELSE CAST(`agg_elderly_facility`.`a15` AS DECIMAL(38, 10))
  END AS `certified`
FROM `_tree` AS `u`
LEFT JOIN (
  SELECT
    COUNT(CASE WHEN `t`.`_h1` THEN 1 END) AS `a1`,
    COUNT(
      CASE
        WHEN `t`.`_h1`
        AND (
          `t`.`operator_type` COLLATE utf8mb4_nopad_bin IN ('public', 'public_private')
        )
        THEN 1
      END
    ) AS `a2`,
    COUNT(CASE WHEN `t`.`_h1` AND (
      `t`.`medical_integrated` = TRUE
    ) THEN 1 END) AS `a3`,
    CASE
      WHEN ABS(
        SUM(
          CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            SUM(
              CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(SUM(
        CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
      ) AS DECIMAL(38, 10))
    END AS `a4`,
    CASE
      WHEN ABS(
        SUM(
          CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`nursing_beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            SUM(
              CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`nursing_beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(SUM(
        CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`nursing_beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
      ) AS DECIMAL(38, 10))
    END AS `a5`,
    CASE
      WHEN ABS(
        SUM(
          CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`occupied_beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            SUM(
              CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`occupied_beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(SUM(
        CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`occupied_beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
      ) AS DECIMAL(38, 10))
    END AS `a6`,
    (
      SELECT
        CASE
          WHEN ABS(
            TRUNCATE(fk_l1.v0 / NULLIF(fk_l1.v1, 0), 10) + CASE
              WHEN 2 * ABS(fk_l1.v0 - (
                TRUNCATE(fk_l1.v0 / NULLIF(fk_l1.v1, 0), 10) * fk_l1.v1
              )) >= ABS(fk_l1.v1) * 0.0000000001
              THEN (
                SIGN(fk_l1.v0) * SIGN(fk_l1.v1)
              ) * 0.0000000001
              ELSE 0
            END
          ) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 * (
              ABS(
                TRUNCATE(fk_l1.v0 / NULLIF(fk_l1.v1, 0), 10) + CASE
                  WHEN 2 * ABS(fk_l1.v0 - (
                    TRUNCATE(fk_l1.v0 / NULLIF(fk_l1.v1, 0), 10) * fk_l1.v1
                  )) >= ABS(fk_l1.v1) * 0.0000000001
                  THEN (
                    SIGN(fk_l1.v0) * SIGN(fk_l1.v1)
                  ) * 0.0000000001
                  ELSE 0
                END
              ) >= 9999999999999999999999999999.99999999995
            )
          ) AS DECIMAL(38, 10))
          ELSE CAST(TRUNCATE(fk_l1.v0 / NULLIF(fk_l1.v1, 0), 10) + CASE
            WHEN 2 * ABS(fk_l1.v0 - (
              TRUNCATE(fk_l1.v0 / NULLIF(fk_l1.v1, 0), 10) * fk_l1.v1
            )) >= ABS(fk_l1.v1) * 0.0000000001
            THEN (
              SIGN(fk_l1.v0) * SIGN(fk_l1.v1)
            ) * 0.0000000001
            ELSE 0
          END AS DECIMAL(38, 10))
        END
      FROM JSON_TABLE(
        JSON_ARRAY(
          CASE
            WHEN ABS(
              SUM(
                CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
              )
            ) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(
              1000 * (
                ABS(
                  SUM(
                    CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
                  )
                ) >= 9999999999999999999999999999.99999999995
              )
            ) AS DECIMAL(38, 10))
            ELSE CAST(SUM(
              CAST(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
            ) AS DECIMAL(38, 10))
          END,
          CAST(COUNT(CASE WHEN `t`.`_h1` THEN CAST(`t`.`beds` AS DECIMAL(38, 10)) END) AS DECIMAL(38, 10))
        )
      , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]', v1 DECIMAL(65, 20) PATH '$[1]')) AS fk_l1
    ) AS `a7`,
    COUNT(CASE WHEN `t`.`_h2` THEN 1 END) AS `a8`,
    CASE
      WHEN ABS(
        SUM(
          CAST(CASE WHEN `t`.`_h2` THEN CAST(`t`.`capacity` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            SUM(
              CAST(CASE WHEN `t`.`_h2` THEN CAST(`t`.`capacity` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(SUM(
        CAST(CASE WHEN `t`.`_h2` THEN CAST(`t`.`capacity` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
      ) AS DECIMAL(38, 10))
    END AS `a9`,
    COUNT(CASE WHEN `t`.`_h3` THEN 1 END) AS `a10`,
    CASE
      WHEN ABS(
        SUM(
          CAST(CASE WHEN `t`.`_h3` THEN CAST(`t`.`capacity` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            SUM(
              CAST(CASE WHEN `t`.`_h3` THEN CAST(`t`.`capacity` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(SUM(
        CAST(CASE WHEN `t`.`_h3` THEN CAST(`t`.`capacity` AS DECIMAL(38, 10)) END AS DECIMAL(38, 10))
      ) AS DECIMAL(38, 10))
    END AS `a11`,
    COUNT(
      CASE
        WHEN (
          `t`.`type` COLLATE utf8mb4_nopad_bin = 'service_center'
        )
        AND (
          `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
        )
        THEN 1
      END
    ) AS `a12`,
    CASE
      WHEN ABS(
        SUM(
          CAST(CASE
            WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
            THEN CAST(`t`.`staff` AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10))
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            SUM(
              CAST(CASE
                WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
                THEN CAST(`t`.`staff` AS DECIMAL(38, 10))
              END AS DECIMAL(38, 10))
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(SUM(
        CAST(CASE
          WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
          THEN CAST(`t`.`staff` AS DECIMAL(38, 10))
        END AS DECIMAL(38, 10))
      ) AS DECIMAL(38, 10))
    END AS `a13`,
    CASE
      WHEN ABS(
        SUM(
          CAST(CASE
            WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
            THEN CAST(`t`.`nurses` AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10))
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            SUM(
              CAST(CASE
                WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
                THEN CAST(`t`.`nurses` AS DECIMAL(38, 10))
              END AS DECIMAL(38, 10))
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(SUM(
        CAST(CASE
          WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
          THEN CAST(`t`.`nurses` AS DECIMAL(38, 10))
        END AS DECIMAL(38, 10))
      ) AS DECIMAL(38, 10))
    END AS `a14`,
    CASE
      WHEN ABS(
        SUM(
          CAST(CASE
            WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
            THEN CAST(`t`.`certified_nurses` AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10))
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            SUM(
              CAST(CASE
                WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
                THEN CAST(`t`.`certified_nurses` AS DECIMAL(38, 10))
              END AS DECIMAL(38, 10))
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(SUM(
        CAST(CASE
          WHEN `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
          THEN CAST(`t`.`certified_nurses` AS DECIMAL(38, 10))
        END AS DECIMAL(38, 10))
      ) AS DECIMAL(38, 10))
    END AS `a15`,
    `t`.`_unit` AS `_unit`
  FROM (
    SELECT
      `t`.*,
      (
        `t`.`type` COLLATE utf8mb4_nopad_bin IN ('nursing_home', 'care_home')
      )
      AND (
        `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
      ) AS `_h1`,
      (
        `t`.`type` COLLATE utf8mb4_nopad_bin = 'day_care'
      )
      AND (
        `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
      ) AS `_h2`,
      (
        `t`.`type` COLLATE utf8mb4_nopad_bin IN ('canteen', 'meal_point')
      )
      AND (
        `t`.`status` COLLATE utf8mb4_nopad_bin = 'operating'
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
  `u`.`level` = 3 OR `u`.`code` = %(org)s
ORDER BY
  `u`.`code` COLLATE utf8mb4_nopad_bin
