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
    `s`.`persons`,
    `s`.`amount`,
    `s`.`grade_1`,
    `s`.`severe_unpaid`
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
      CAST(ROUND(COALESCE(`_g_severe`.`_a0`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `persons`,
      CAST(ROUND(`_g_severe`.`_a1`, 2) AS DECIMAL(38, 10)) AS `amount`,
      CAST(ROUND(COALESCE(`_g_severe`.`_a2`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `grade_1`,
      CAST(ROUND(COALESCE(`_g_severe`.`_a3`, CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS `severe_unpaid`
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
        CAST(SUM(
          CAST(CASE
            WHEN CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
            THEN CAST(`c`.`subsidy` AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10))
        ) AS DECIMAL(38, 10)) AS `_a1`,
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
    `persons`,
    `amount`,
    `grade_1`,
    `severe_unpaid`
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
  `a`.`persons`,
  `a`.`amount`,
  `a`.`grade_1`,
  `a`.`severe_unpaid`
FROM (
  SELECT
    `_r1`.`_unit`,
    `_r1`.`_submitted`,
    `_r1`.`persons`,
    `_r1`.`grade_1`,
    `_r1`.`severe_unpaid`,
    `_r1`.`_t0`,
    CAST(ROUND(`_r1`.`_t0`, 2) AS DECIMAL(38, 10)) AS `amount`
  FROM (
    SELECT
      `_r0`.`_unit`,
      `_r0`.`_submitted`,
      `_r0`.`persons`,
      `_r0`.`grade_1`,
      `_r0`.`severe_unpaid`,
      `_tt0`.`_t0` AS `_t0`
    FROM (
      SELECT
        `u`.`unit` AS `_unit`,
        `a`.`_submitted`,
        `a`.`persons`,
        `a`.`grade_1`,
        `a`.`severe_unpaid`
      FROM `_units` AS `u`
      LEFT JOIN (
        SELECT
          `_g`.`_unit`,
          `_g`.`_submitted`,
          CAST(`_g`.`_p0_0` AS DECIMAL(38, 10)) AS `persons`,
          CAST(`_g`.`_p1_0` AS DECIMAL(38, 10)) AS `grade_1`,
          CAST(`_g`.`_p2_0` AS DECIMAL(38, 10)) AS `severe_unpaid`
        FROM (
          SELECT
            `_unit`,
            COUNT(CASE WHEN `_n` = 1 THEN 1 END) AS `_submitted`,
            SUM(CAST(`persons` AS DECIMAL(38, 10))) AS `_p0_0`,
            SUM(CAST(`grade_1` AS DECIMAL(38, 10))) AS `_p1_0`,
            SUM(CAST(`severe_unpaid` AS DECIMAL(38, 10))) AS `_p2_0`
          FROM `_lv`
          GROUP BY
            `_unit`
        ) AS `_g`
      ) AS `a`
        ON `a`.`_unit` = `u`.`unit`
    ) AS `_r0`
    LEFT JOIN (
      SELECT
        `_g`.`_unit`,
        CAST(`_g`.`_t0_0` AS DECIMAL(38, 10)) AS `_t0`
      FROM (
        SELECT
          `s`.`_unit` AS `_unit`,
          SUM(CAST(`c`.`subsidy` AS DECIMAL(38, 10))) AS `_t0_0`
        FROM `_subs` AS `s`
        JOIN (
          SELECT
            `c`.`submission_id`,
            `c`.`name` AS `name`,
            `c`.`id_card` AS `id_card`,
            CAST(`c`.`level` AS DECIMAL(38, 10)) AS `level`,
            `c`.`cert` AS `cert`,
            CAST(`c`.`subsidy` AS DECIMAL(38, 10)) AS `subsidy`,
            CAST(`c`.`change` AS DECIMAL(38, 10)) AS `change`,
            `c`.`change_reason` AS `reason`
          FROM `fk_disabled_persons_ledger_v1__severe` AS `c`
          WHERE
            CAST(`c`.`subsidy` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        ) AS `c`
          ON `c`.`submission_id` = `s`.`submission_id`
        GROUP BY
          `s`.`_unit`
      ) AS `_g`
    ) AS `_tt0`
      ON `_tt0`.`_unit` = `_r0`.`_unit`
  ) AS `_r1`
) AS `a`
LEFT JOIN `_cover` AS `c`
  ON `c`.`_unit` = `a`.`_unit`
ORDER BY
  `a`.`_unit`
