-- parameters: org, period_1
WITH `_units` AS (
  SELECT
    `c`.`descendant` AS `unit`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = %(org)s AND `c`.`depth` = 0
), `_leaves` AS (
  SELECT
    `l`.`descendant` AS `leaf`,
    %(org)s AS `unit`
  FROM `fk_org__org_unit` AS `l`
  WHERE
    `l`.`ancestor` = %(org)s AND `l`.`descendant_level` = 3
), `_subs` AS (
  SELECT
    `l`.`unit` AS `_unit`,
    `s`.`org` AS `_leaf`,
    CASE `s`.`period` WHEN %(period_1)s THEN 1 END AS `_pos`,
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
    `s`.`period` IN (%(period_1)s) AND `s`.`state` IN ('submitted', 'approved')
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
    GROUP_CONCAT(CASE WHEN `_done` = 0 THEN `_leaf` END SEPARATOR '') AS `_missing`
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
                CAST(CAST(`_r2`.`other_opening` AS DECIMAL(38, 10)) + CAST(`_r2`.`other_in` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
              OR ABS(
                CAST(CAST(CAST(`_r2`.`other_opening` AS DECIMAL(38, 10)) + CAST(`_r2`.`other_in` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) - CAST(`_r2`.`other_out` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
              THEN CAST(EXP(
                1000 + ISNULL(
                  ABS(
                    CAST(CAST(`_r2`.`other_opening` AS DECIMAL(38, 10)) + CAST(`_r2`.`other_in` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                  ) >= 9999999999999999999999999999.99999999995
                )
              ) AS DECIMAL(38, 10))
              ELSE CAST(CAST(CAST(CAST(`_r2`.`other_opening` AS DECIMAL(38, 10)) + CAST(`_r2`.`other_in` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) - CAST(`_r2`.`other_out` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
            END,
            0
          )
        )
      , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l1
    ) AS `other_closing`,
    (
      SELECT
        CASE
          WHEN ABS(fk_l2.v0) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(1000 * (
            ABS(fk_l2.v0) >= 9999999999999999999999999999.99999999995
          )) AS DECIMAL(38, 10))
          ELSE CAST(fk_l2.v0 AS DECIMAL(38, 10))
        END
      FROM JSON_TABLE(
        JSON_ARRAY(
          ROUND(
            CASE
              WHEN ABS(
                CAST(CAST(`_r2`.`closing` AS DECIMAL(38, 10)) - CAST(`_r2`.`opening` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
              OR ABS(
                (
                  SELECT
                    CAST(TRUNCATE(fk_l4.v0 / NULLIF(CAST(`_r2`.`opening` AS DECIMAL(38, 10)), 0), 10) + CASE
                      WHEN 2 * ABS(
                        fk_l4.v0 - (
                          TRUNCATE(fk_l4.v0 / NULLIF(CAST(`_r2`.`opening` AS DECIMAL(38, 10)), 0), 10) * CAST(`_r2`.`opening` AS DECIMAL(38, 10))
                        )
                      ) >= ABS(CAST(`_r2`.`opening` AS DECIMAL(38, 10))) * 0.0000000001
                      THEN (
                        SIGN(fk_l4.v0) * SIGN(CAST(`_r2`.`opening` AS DECIMAL(38, 10)))
                      ) * 0.0000000001
                      ELSE 0
                    END AS DECIMAL(65, 10))
                  FROM JSON_TABLE(
                    JSON_ARRAY(
                      CAST(CAST(`_r2`.`closing` AS DECIMAL(38, 10)) - CAST(`_r2`.`opening` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                    )
                  , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l4
                )
              ) >= 9999999999999999999999999999.99999999995
              OR ABS(
                CAST((
                  SELECT
                    CAST(TRUNCATE(fk_l4.v0 / NULLIF(CAST(`_r2`.`opening` AS DECIMAL(38, 10)), 0), 10) + CASE
                      WHEN 2 * ABS(
                        fk_l4.v0 - (
                          TRUNCATE(fk_l4.v0 / NULLIF(CAST(`_r2`.`opening` AS DECIMAL(38, 10)), 0), 10) * CAST(`_r2`.`opening` AS DECIMAL(38, 10))
                        )
                      ) >= ABS(CAST(`_r2`.`opening` AS DECIMAL(38, 10))) * 0.0000000001
                      THEN (
                        SIGN(fk_l4.v0) * SIGN(CAST(`_r2`.`opening` AS DECIMAL(38, 10)))
                      ) * 0.0000000001
                      ELSE 0
                    END AS DECIMAL(65, 10))
                  FROM JSON_TABLE(
                    JSON_ARRAY(
                      CAST(CAST(`_r2`.`closing` AS DECIMAL(38, 10)) - CAST(`_r2`.`opening` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                    )
                  , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l4
                ) * CAST(100 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
              OR ABS(
                CAST(ROUND(
                  CAST((
                    SELECT
                      CAST(TRUNCATE(fk_l4.v0 / NULLIF(CAST(`_r2`.`opening` AS DECIMAL(38, 10)), 0), 10) + CASE
                        WHEN 2 * ABS(
                          fk_l4.v0 - (
                            TRUNCATE(fk_l4.v0 / NULLIF(CAST(`_r2`.`opening` AS DECIMAL(38, 10)), 0), 10) * CAST(`_r2`.`opening` AS DECIMAL(38, 10))
                          )
                        ) >= ABS(CAST(`_r2`.`opening` AS DECIMAL(38, 10))) * 0.0000000001
                        THEN (
                          SIGN(fk_l4.v0) * SIGN(CAST(`_r2`.`opening` AS DECIMAL(38, 10)))
                        ) * 0.0000000001
                        ELSE 0
                      END AS DECIMAL(65, 10))
                    FROM JSON_TABLE(
                      JSON_ARRAY(
                        CAST(CAST(`_r2`.`closing` AS DECIMAL(38, 10)) - CAST(`_r2`.`opening` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                      )
                    , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l4
                  ) * CAST(100 AS DECIMAL(38, 10)) AS DECIMAL(65, 10)),
                  2
                ) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
              THEN CAST(EXP(
                1000 + ISNULL(
                  ABS(
                    CAST(CAST(`_r2`.`closing` AS DECIMAL(38, 10)) - CAST(`_r2`.`opening` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                  ) >= 9999999999999999999999999999.99999999995
                )
              ) AS DECIMAL(38, 10))
              ELSE CAST(CAST(ROUND(
                CAST((
                  SELECT
                    CAST(TRUNCATE(fk_l4.v0 / NULLIF(CAST(`_r2`.`opening` AS DECIMAL(38, 10)), 0), 10) + CASE
                      WHEN 2 * ABS(
                        fk_l4.v0 - (
                          TRUNCATE(fk_l4.v0 / NULLIF(CAST(`_r2`.`opening` AS DECIMAL(38, 10)), 0), 10) * CAST(`_r2`.`opening` AS DECIMAL(38, 10))
                        )
                      ) >= ABS(CAST(`_r2`.`opening` AS DECIMAL(38, 10))) * 0.0000000001
                      THEN (
                        SIGN(fk_l4.v0) * SIGN(CAST(`_r2`.`opening` AS DECIMAL(38, 10)))
                      ) * 0.0000000001
                      ELSE 0
                    END AS DECIMAL(65, 10))
                  FROM JSON_TABLE(
                    JSON_ARRAY(
                      CAST(CAST(`_r2`.`closing` AS DECIMAL(38, 10)) - CAST(`_r2`.`opening` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                    )
                  , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l4
                ) * CAST(100 AS DECIMAL(38, 10)) AS DECIMAL(65, 10)),
                2
              ) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
            END,
            2
          )
        )
      , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l2
    ) AS `change_rate`,
    (
      SELECT
        CASE
          WHEN ABS(fk_l3.v0) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(1000 * (
            ABS(fk_l3.v0) >= 9999999999999999999999999999.99999999995
          )) AS DECIMAL(38, 10))
          ELSE CAST(fk_l3.v0 AS DECIMAL(38, 10))
        END
      FROM JSON_TABLE(
        JSON_ARRAY(
          ROUND(
            CASE
              WHEN ABS(
                CAST(TRUNCATE(
                  CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                  10
                ) + CASE
                  WHEN 2 * ABS(
                    CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) - (
                      TRUNCATE(
                        CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                        10
                      ) * CAST(`_r2`.`closing` AS DECIMAL(38, 10))
                    )
                  ) >= ABS(CAST(`_r2`.`closing` AS DECIMAL(38, 10))) * 0.0000000001
                  THEN (
                    SIGN(CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10))) * SIGN(CAST(`_r2`.`closing` AS DECIMAL(38, 10)))
                  ) * 0.0000000001
                  ELSE 0
                END AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
              OR ABS(
                CAST(CAST(TRUNCATE(
                  CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                  10
                ) + CASE
                  WHEN 2 * ABS(
                    CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) - (
                      TRUNCATE(
                        CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                        10
                      ) * CAST(`_r2`.`closing` AS DECIMAL(38, 10))
                    )
                  ) >= ABS(CAST(`_r2`.`closing` AS DECIMAL(38, 10))) * 0.0000000001
                  THEN (
                    SIGN(CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10))) * SIGN(CAST(`_r2`.`closing` AS DECIMAL(38, 10)))
                  ) * 0.0000000001
                  ELSE 0
                END AS DECIMAL(65, 10)) * CAST(100 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
              OR ABS(
                CAST(ROUND(
                  CAST(CAST(TRUNCATE(
                    CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                    10
                  ) + CASE
                    WHEN 2 * ABS(
                      CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) - (
                        TRUNCATE(
                          CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                          10
                        ) * CAST(`_r2`.`closing` AS DECIMAL(38, 10))
                      )
                    ) >= ABS(CAST(`_r2`.`closing` AS DECIMAL(38, 10))) * 0.0000000001
                    THEN (
                      SIGN(CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10))) * SIGN(CAST(`_r2`.`closing` AS DECIMAL(38, 10)))
                    ) * 0.0000000001
                    ELSE 0
                  END AS DECIMAL(65, 10)) * CAST(100 AS DECIMAL(38, 10)) AS DECIMAL(65, 10)),
                  2
                ) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
              THEN CAST(EXP(
                1000 + ISNULL(
                  ABS(
                    CAST(TRUNCATE(
                      CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                      10
                    ) + CASE
                      WHEN 2 * ABS(
                        CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) - (
                          TRUNCATE(
                            CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                            10
                          ) * CAST(`_r2`.`closing` AS DECIMAL(38, 10))
                        )
                      ) >= ABS(CAST(`_r2`.`closing` AS DECIMAL(38, 10))) * 0.0000000001
                      THEN (
                        SIGN(CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10))) * SIGN(CAST(`_r2`.`closing` AS DECIMAL(38, 10)))
                      ) * 0.0000000001
                      ELSE 0
                    END AS DECIMAL(65, 10))
                  ) >= 9999999999999999999999999999.99999999995
                )
              ) AS DECIMAL(38, 10))
              ELSE CAST(CAST(ROUND(
                CAST(CAST(TRUNCATE(
                  CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                  10
                ) + CASE
                  WHEN 2 * ABS(
                    CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) - (
                      TRUNCATE(
                        CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10)) / NULLIF(CAST(`_r2`.`closing` AS DECIMAL(38, 10)), 0),
                        10
                      ) * CAST(`_r2`.`closing` AS DECIMAL(38, 10))
                    )
                  ) >= ABS(CAST(`_r2`.`closing` AS DECIMAL(38, 10))) * 0.0000000001
                  THEN (
                    SIGN(CAST(`_r2`.`unemp_closing` AS DECIMAL(38, 10))) * SIGN(CAST(`_r2`.`closing` AS DECIMAL(38, 10)))
                  ) * 0.0000000001
                  ELSE 0
                END AS DECIMAL(65, 10)) * CAST(100 AS DECIMAL(38, 10)) AS DECIMAL(65, 10)),
                2
              ) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
            END,
            2
          )
        )
      , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l3
    ) AS `unemp_share`
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
      (
        SELECT
          CASE
            WHEN ABS(fk_l4.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l4.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l4.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + CAST(`_r1`.`received` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + CAST(`_r1`.`received` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) - CAST(`_r1`.`released` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + CAST(`_r1`.`received` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + CAST(`_r1`.`received` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) - CAST(`_r1`.`released` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l4
      ) AS `closing`,
      (
        SELECT
          CASE
            WHEN ABS(fk_l5.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l5.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l5.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l5
      ) AS `unemp_closing`,
      (
        SELECT
          CASE
            WHEN ABS(fk_l6.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l6.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l6.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l6
      ) AS `hard_closing`,
      (
        SELECT
          CASE
            WHEN ABS(fk_l7.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l7.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l7.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l7
      ) AS `xiebao_closing`,
      (
        SELECT
          CASE
            WHEN ABS(fk_l8.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l8.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l8.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(COALESCE(CAST(`_r1`.`flex_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`flex_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(COALESCE(CAST(`_r1`.`flex_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`flex_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(COALESCE(CAST(`_r1`.`flex_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`flex_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(COALESCE(CAST(`_r1`.`flex_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`flex_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l8
      ) AS `flex_closing`,
      (
        SELECT
          CASE
            WHEN ABS(fk_l9.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l9.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l9.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(COALESCE(CAST(`_r1`.`retired_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`retired_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(COALESCE(CAST(`_r1`.`retired_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`retired_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`retired_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(COALESCE(CAST(`_r1`.`retired_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`retired_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(COALESCE(CAST(`_r1`.`retired_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST(`_r1`.`retired_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`retired_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l9
      ) AS `retired_closing`,
      (
        SELECT
          CASE
            WHEN ABS(fk_l10.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l10.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l10.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(CAST(CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`retired_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(CAST(CAST(CAST(COALESCE(CAST(`_r1`.`opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST(`_r1`.`unemp_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`retired_opening` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l10
      ) AS `other_opening`,
      (
        SELECT
          CASE
            WHEN ABS(fk_l11.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l11.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l11.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(CAST(CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`retired_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(CAST(CAST(CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`retired_in` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l11
      ) AS `other_in`,
      (
        SELECT
          CASE
            WHEN ABS(fk_l12.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l12.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l12.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(CAST(`_r1`.`released` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(`_r1`.`released` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(CAST(`_r1`.`released` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(CAST(CAST(`_r1`.`released` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                OR ABS(
                  CAST(CAST(CAST(CAST(CAST(CAST(`_r1`.`released` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`retired_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(CAST(`_r1`.`released` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(CAST(CAST(CAST(CAST(`_r1`.`released` AS DECIMAL(38, 10)) - COALESCE(CAST(`_r1`.`unemp_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`hard_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`xiebao_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`flex_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) - COALESCE(CAST(`_r1`.`retired_out` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l12
      ) AS `other_out`,
      (
        SELECT
          CASE
            WHEN ABS(fk_l13.v0) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(fk_l13.v0) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(fk_l13.v0 AS DECIMAL(38, 10))
          END
        FROM JSON_TABLE(
          JSON_ARRAY(
            ROUND(
              CASE
                WHEN ABS(
                  CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - CAST(`_r1`.`released` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(
                      CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - CAST(`_r1`.`released` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                    ) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(CAST(CAST(`_r1`.`received` AS DECIMAL(38, 10)) - CAST(`_r1`.`released` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
              END,
              0
            )
          )
        , '$' COLUMNS(v0 DECIMAL(65, 20) PATH '$[0]')) AS fk_l13
      ) AS `net_change`
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
          CASE
            WHEN ABS(`_g`.`_p0_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p0_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p0_0` AS DECIMAL(38, 10))
          END AS `opening`,
          CASE
            WHEN ABS(`_g`.`_p1_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p1_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p1_0` AS DECIMAL(38, 10))
          END AS `received`,
          CASE
            WHEN ABS(`_g`.`_p2_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p2_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p2_0` AS DECIMAL(38, 10))
          END AS `released`,
          CASE
            WHEN ABS(`_g`.`_p3_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p3_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p3_0` AS DECIMAL(38, 10))
          END AS `unemp_opening`,
          CASE
            WHEN ABS(`_g`.`_p4_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p4_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p4_0` AS DECIMAL(38, 10))
          END AS `unemp_in`,
          CASE
            WHEN ABS(`_g`.`_p5_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p5_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p5_0` AS DECIMAL(38, 10))
          END AS `unemp_out`,
          CASE
            WHEN ABS(`_g`.`_p6_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p6_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p6_0` AS DECIMAL(38, 10))
          END AS `hard_opening`,
          CASE
            WHEN ABS(`_g`.`_p7_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p7_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p7_0` AS DECIMAL(38, 10))
          END AS `hard_in`,
          CASE
            WHEN ABS(`_g`.`_p8_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p8_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p8_0` AS DECIMAL(38, 10))
          END AS `hard_out`,
          CASE
            WHEN ABS(`_g`.`_p9_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p9_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p9_0` AS DECIMAL(38, 10))
          END AS `xiebao_opening`,
          CASE
            WHEN ABS(`_g`.`_p10_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p10_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p10_0` AS DECIMAL(38, 10))
          END AS `xiebao_in`,
          CASE
            WHEN ABS(`_g`.`_p11_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p11_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p11_0` AS DECIMAL(38, 10))
          END AS `xiebao_out`,
          CASE
            WHEN ABS(`_g`.`_p12_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p12_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p12_0` AS DECIMAL(38, 10))
          END AS `flex_opening`,
          CASE
            WHEN ABS(`_g`.`_p13_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p13_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p13_0` AS DECIMAL(38, 10))
          END AS `flex_in`,
          CASE
            WHEN ABS(`_g`.`_p14_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p14_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p14_0` AS DECIMAL(38, 10))
          END AS `flex_out`,
          CASE
            WHEN ABS(`_g`.`_p15_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p15_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p15_0` AS DECIMAL(38, 10))
          END AS `retired_opening`,
          CASE
            WHEN ABS(`_g`.`_p16_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p16_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p16_0` AS DECIMAL(38, 10))
          END AS `retired_in`,
          CASE
            WHEN ABS(`_g`.`_p17_0`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(1000 * (
              ABS(`_g`.`_p17_0`) >= 9999999999999999999999999999.99999999995
            )) AS DECIMAL(38, 10))
            ELSE CAST(`_g`.`_p17_0` AS DECIMAL(38, 10))
          END AS `retired_out`,
          CAST(NULL AS CHAR) AS `remark`
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
