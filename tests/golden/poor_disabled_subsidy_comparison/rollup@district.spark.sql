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
    `s`.`poor_persons`,
    `s`.`receiving`,
    `s`.`receiving_prev`,
    `s`.`added`,
    `s`.`stopped`,
    `s`.`amount`,
    `s`.`amount_prev`,
    `s`.`change`,
    `s`.`expired_paid`
  FROM (
    SELECT
      `_src`.`submission_id`,
      `_src`.`org`,
      `_src`.`period`,
      `_src`.`state`,
      `_src`.`updated_at`,
      1 AS `version`,
      `_src`.`revision` AS `_src_revision`,
      1 AS `_src_periods`,
      CAST(ROUND(CAST(`_src`.`poor_total` AS DECIMAL(38, 10)), 0) AS DECIMAL(38, 10)) AS `poor_persons`,
      CAST(ROUND(COALESCE(`_g_poor`.`_a0`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `receiving`,
      CAST(ROUND(CAST(`_src`.`living_count_prev` AS DECIMAL(38, 10)), 0) AS DECIMAL(38, 10)) AS `receiving_prev`,
      CAST(ROUND(COALESCE(`_g_poor`.`_a1`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `added`,
      CAST(ROUND(COALESCE(`_g_poor`.`_a2`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `stopped`,
      CAST(ROUND(`_g_poor`.`_a3`, 2) AS DECIMAL(38, 10)) AS `amount`,
      CAST(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10)) AS `amount_prev`,
      CAST(ROUND(
        COALESCE(CAST(ROUND(`_g_poor`.`_a3`, 2) AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(
          CAST(ROUND(CAST(`_src`.`living_total_prev` AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10)),
          CAST(0 AS DECIMAL(38, 10))
        ),
        2
      ) AS DECIMAL(38, 10)) AS `change`,
      CAST(ROUND(COALESCE(`_g_poor`.`_a4`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `expired_paid`
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
        CAST(SUM(CAST(`c`.`subsidy` AS DECIMAL(38, 10))) AS DECIMAL(38, 10)) AS `_a3`,
        CAST(COUNT(
          CASE
            WHEN (
              `c`.`cert` <> 'valid'
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
      `_src`.`period` IN (:period_1) AND `_src`.`state` IN ('submitted', 'approved')
  ) AS `s`
  JOIN `_leaves` AS `l`
    ON `s`.`org` = `l`.`leaf`
  WHERE
    `s`.`period` IN (:period_1) AND `s`.`state` IN ('submitted', 'approved')
), `_lv` AS (
  SELECT
    `_unit`,
    `_leaf`,
    1 AS `_n`,
    `poor_persons`,
    `receiving`,
    `receiving_prev`,
    `added`,
    `stopped`,
    `amount`,
    `amount_prev`,
    `change`,
    `expired_paid`
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
  `a`.`poor_persons`,
  `a`.`receiving`,
  `a`.`receiving_prev`,
  `a`.`added`,
  `a`.`stopped`,
  `a`.`amount`,
  `a`.`amount_prev`,
  `a`.`change`,
  `a`.`expired_paid`
FROM (
  SELECT
    `_r1`.`_unit`,
    `_r1`.`_submitted`,
    `_r1`.`poor_persons`,
    `_r1`.`receiving`,
    `_r1`.`receiving_prev`,
    `_r1`.`added`,
    `_r1`.`stopped`,
    `_r1`.`amount`,
    `_r1`.`amount_prev`,
    `_r1`.`expired_paid`,
    CAST(ROUND(
      COALESCE(CAST(`_r1`.`amount` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST(`_r1`.`amount_prev` AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
      2
    ) AS DECIMAL(38, 10)) AS `change`
  FROM (
    SELECT
      `u`.`unit` AS `_unit`,
      `a`.`_submitted`,
      `a`.`poor_persons`,
      `a`.`receiving`,
      `a`.`receiving_prev`,
      `a`.`added`,
      `a`.`stopped`,
      `a`.`amount`,
      `a`.`amount_prev`,
      `a`.`expired_paid`
    FROM `_units` AS `u`
    LEFT JOIN (
      SELECT
        `_g`.`_unit`,
        `_g`.`_submitted`,
        CAST(`_g`.`_p0_0` AS DECIMAL(38, 10)) AS `poor_persons`,
        CAST(`_g`.`_p1_0` AS DECIMAL(38, 10)) AS `receiving`,
        CAST(`_g`.`_p2_0` AS DECIMAL(38, 10)) AS `receiving_prev`,
        CAST(`_g`.`_p3_0` AS DECIMAL(38, 10)) AS `added`,
        CAST(`_g`.`_p4_0` AS DECIMAL(38, 10)) AS `stopped`,
        CAST(`_g`.`_p5_0` AS DECIMAL(38, 10)) AS `amount`,
        CAST(`_g`.`_p6_0` AS DECIMAL(38, 10)) AS `amount_prev`,
        CAST(`_g`.`_p7_0` AS DECIMAL(38, 10)) AS `expired_paid`
      FROM (
        SELECT
          `_unit`,
          COUNT(CASE WHEN `_n` = 1 THEN 1 END) AS `_submitted`,
          SUM(CAST(`poor_persons` AS DECIMAL(38, 10))) AS `_p0_0`,
          SUM(CAST(`receiving` AS DECIMAL(38, 10))) AS `_p1_0`,
          SUM(CAST(`receiving_prev` AS DECIMAL(38, 10))) AS `_p2_0`,
          SUM(CAST(`added` AS DECIMAL(38, 10))) AS `_p3_0`,
          SUM(CAST(`stopped` AS DECIMAL(38, 10))) AS `_p4_0`,
          SUM(CAST(`amount` AS DECIMAL(38, 10))) AS `_p5_0`,
          SUM(CAST(`amount_prev` AS DECIMAL(38, 10))) AS `_p6_0`,
          SUM(CAST(`expired_paid` AS DECIMAL(38, 10))) AS `_p7_0`
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
