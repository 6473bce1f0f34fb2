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
  `d`.`persons`,
  `d`.`amount`,
  `d`.`grade_1`,
  `d`.`severe_unpaid`
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
      WHEN ABS(
        ROUND(
          CASE
            WHEN ABS(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(
              1000 + ISNULL(
                ABS(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
              )
            ) AS DECIMAL(38, 10))
            ELSE CAST(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
          END,
          0
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            ROUND(
              CASE
                WHEN ABS(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
              END,
              0
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(
        CASE
          WHEN ABS(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            )
          ) AS DECIMAL(38, 10))
          ELSE CAST(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
        END,
        0
      ) AS DECIMAL(38, 10))
    END AS `persons`,
    CASE
      WHEN ABS(
        ROUND(
          CASE
            WHEN ABS(`_g_severe`.`_a1`) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(
              1000 + ISNULL(ABS(`_g_severe`.`_a1`) >= 9999999999999999999999999999.99999999995)
            ) AS DECIMAL(38, 10))
            ELSE CAST(`_g_severe`.`_a1` AS DECIMAL(38, 10))
          END,
          2
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            ROUND(
              CASE
                WHEN ABS(`_g_severe`.`_a1`) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(ABS(`_g_severe`.`_a1`) >= 9999999999999999999999999999.99999999995)
                ) AS DECIMAL(38, 10))
                ELSE CAST(`_g_severe`.`_a1` AS DECIMAL(38, 10))
              END,
              2
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(
        CASE
          WHEN ABS(`_g_severe`.`_a1`) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(ABS(`_g_severe`.`_a1`) >= 9999999999999999999999999999.99999999995)
          ) AS DECIMAL(38, 10))
          ELSE CAST(`_g_severe`.`_a1` AS DECIMAL(38, 10))
        END,
        2
      ) AS DECIMAL(38, 10))
    END AS `amount`,
    CASE
      WHEN ABS(
        ROUND(
          CASE
            WHEN ABS(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(
              1000 + ISNULL(
                ABS(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
              )
            ) AS DECIMAL(38, 10))
            ELSE CAST(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
          END,
          0
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            ROUND(
              CASE
                WHEN ABS(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
              END,
              0
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(
        CASE
          WHEN ABS(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            )
          ) AS DECIMAL(38, 10))
          ELSE CAST(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
        END,
        0
      ) AS DECIMAL(38, 10))
    END AS `grade_1`,
    CASE
      WHEN ABS(
        ROUND(
          CASE
            WHEN ABS(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            THEN CAST(EXP(
              1000 + ISNULL(
                ABS(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
              )
            ) AS DECIMAL(38, 10))
            ELSE CAST(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
          END,
          0
        )
      ) >= 9999999999999999999999999999.99999999995
      THEN CAST(EXP(
        1000 * (
          ABS(
            ROUND(
              CASE
                WHEN ABS(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                THEN CAST(EXP(
                  1000 + ISNULL(
                    ABS(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
                  )
                ) AS DECIMAL(38, 10))
                ELSE CAST(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
              END,
              0
            )
          ) >= 9999999999999999999999999999.99999999995
        )
      ) AS DECIMAL(38, 10))
      ELSE CAST(ROUND(
        CASE
          WHEN ABS(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10)))) >= 9999999999999999999999999999.99999999995
            )
          ) AS DECIMAL(38, 10))
          ELSE CAST(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10))) AS DECIMAL(38, 10))
        END,
        0
      ) AS DECIMAL(38, 10))
    END AS `severe_unpaid`
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
      CASE
        WHEN ABS(
          SUM(
            CAST(CASE
              WHEN CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
              THEN CAST(`c`.`subsidy` AS DECIMAL(38, 10))
            END AS DECIMAL(38, 10))
          )
        ) >= 9999999999999999999999999999.99999999995
        THEN CAST(EXP(
          1000 * (
            ABS(
              SUM(
                CAST(CASE
                  WHEN CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
                  THEN CAST(`c`.`subsidy` AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10))
              )
            ) >= 9999999999999999999999999999.99999999995
          )
        ) AS DECIMAL(38, 10))
        ELSE CAST(SUM(
          CAST(CASE
            WHEN CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
            THEN CAST(`c`.`subsidy` AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10))
        ) AS DECIMAL(38, 10))
      END AS `_a1`,
      CAST(COUNT(
        CASE
          WHEN (
            CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
          )
          AND (
            CAST(`c`.`level` AS DECIMAL(38, 10)) = CAST(1 AS DECIMAL(38, 10))
          )
          THEN 1
        END
      ) AS DECIMAL(38, 10)) AS `_a2`,
      CAST(COUNT(
        CASE
          WHEN COALESCE(CAST(`c`.`subsidy` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) = CAST(0 AS DECIMAL(38, 10))
          THEN 1
        END
      ) AS DECIMAL(38, 10)) AS `_a3`
    FROM `fk_disabled_persons_ledger_v1__severe` AS `c`
    GROUP BY
      `c`.`submission_id`
  ) AS `_g_severe`
    ON `_g_severe`.`_sid` = `_src`.`submission_id`
  WHERE
    `_src`.`period` IN (CAST(%(period)s AS CHAR))
    AND `_src`.`state` IN ('submitted', 'approved')
) AS `d`
  ON `d`.`org` = `u`.`_unit`
ORDER BY
  `u`.`_unit`
