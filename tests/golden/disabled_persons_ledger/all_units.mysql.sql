-- parameters: org
WITH `_tree` AS (
  SELECT
    `c`.`descendant` AS `code`,
    COALESCE(`u`.`ancestor`, `c`.`descendant`) AS `unit`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  LEFT JOIN `fk_org__org_unit` AS `u`
    ON `u`.`descendant` = `c`.`descendant` AND `u`.`ancestor_level` = 4
  WHERE
    `c`.`ancestor` = %(org)s
)
SELECT
  `u`.`code` AS `_unit`,
  `u`.`level` AS `_level`,
  COALESCE(`agg_person`.`a1`, 0) AS `disabled_total`,
  COALESCE(`agg_person`.`a2`, 0) AS `cert_valid`,
  COALESCE(`agg_person`.`a3`, 0) AS `cert_expired`,
  COALESCE(`agg_person`.`a4`, 0) AS `severe_total`,
  COALESCE(`agg_person`.`a5`, 0) AS `poor_total`,
  COALESCE(`agg_person`.`a6`, 0) AS `by_type.visual.grade_1`,
  COALESCE(`agg_person`.`a7`, 0) AS `by_type.visual.grade_2`,
  COALESCE(`agg_person`.`a8`, 0) AS `by_type.visual.grade_3`,
  COALESCE(`agg_person`.`a9`, 0) AS `by_type.visual.grade_4`,
  COALESCE(`agg_person`.`a10`, 0) AS `by_type.hearing.grade_1`,
  COALESCE(`agg_person`.`a11`, 0) AS `by_type.hearing.grade_2`,
  COALESCE(`agg_person`.`a12`, 0) AS `by_type.hearing.grade_3`,
  COALESCE(`agg_person`.`a13`, 0) AS `by_type.hearing.grade_4`,
  COALESCE(`agg_person`.`a14`, 0) AS `by_type.speech.grade_1`,
  COALESCE(`agg_person`.`a15`, 0) AS `by_type.speech.grade_2`,
  COALESCE(`agg_person`.`a16`, 0) AS `by_type.speech.grade_3`,
  COALESCE(`agg_person`.`a17`, 0) AS `by_type.speech.grade_4`,
  COALESCE(`agg_person`.`a18`, 0) AS `by_type.physical.grade_1`,
  COALESCE(`agg_person`.`a19`, 0) AS `by_type.physical.grade_2`,
  COALESCE(`agg_person`.`a20`, 0) AS `by_type.physical.grade_3`,
  COALESCE(`agg_person`.`a21`, 0) AS `by_type.physical.grade_4`,
  COALESCE(`agg_person`.`a22`, 0) AS `by_type.intellectual.grade_1`,
  COALESCE(`agg_person`.`a23`, 0) AS `by_type.intellectual.grade_2`,
  COALESCE(`agg_person`.`a24`, 0) AS `by_type.intellectual.grade_3`,
  COALESCE(`agg_person`.`a25`, 0) AS `by_type.intellectual.grade_4`,
  COALESCE(`agg_person`.`a26`, 0) AS `by_type.mental.grade_1`,
  COALESCE(`agg_person`.`a27`, 0) AS `by_type.mental.grade_2`,
  COALESCE(`agg_person`.`a28`, 0) AS `by_type.mental.grade_3`,
  COALESCE(`agg_person`.`a29`, 0) AS `by_type.mental.grade_4`,
  COALESCE(`agg_person`.`a30`, 0) AS `by_type.multiple.grade_1`,
  COALESCE(`agg_person`.`a31`, 0) AS `by_type.multiple.grade_2`,
  COALESCE(`agg_person`.`a32`, 0) AS `by_type.multiple.grade_3`,
  COALESCE(`agg_person`.`a33`, 0) AS `by_type.multiple.grade_4`
FROM `_tree` AS `u`
LEFT JOIN (
  SELECT
    COUNT(CASE WHEN NOT `t`.`disability_level` IS NULL THEN 1 END) AS `a1`,
    COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`disability_cert_status` COLLATE utf8mb4_nopad_bin = 'valid'
        )
        THEN 1
      END
    ) AS `a2`,
    COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`disability_cert_status` COLLATE utf8mb4_nopad_bin = 'expired'
        )
        THEN 1
      END
    ) AS `a3`,
    COUNT(CASE WHEN `t`.`disability_level` IN (1, 2) THEN 1 END) AS `a4`,
    COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`household_econ` COLLATE utf8mb4_nopad_bin IN ('dibao', 'dibian', 'tekun')
        )
        THEN 1
      END
    ) AS `a5`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a6`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a7`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a8`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'visual'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a9`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a10`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a11`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a12`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'hearing'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a13`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a14`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a15`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a16`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'speech'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a17`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a18`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a19`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a20`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'physical'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a21`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a22`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a23`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a24`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'intellectual'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a25`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a26`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a27`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a28`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'mental'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a29`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS `a30`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS `a31`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS `a32`,
    COUNT(
      CASE
        WHEN (
          `t`.`disability_type` COLLATE utf8mb4_nopad_bin = 'multiple'
        )
        AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS `a33`,
    `_tree`.`unit` AS `_unit`
  FROM `person` AS `t`
  JOIN `_tree`
    ON `t`.`community_code` = `_tree`.`code`
  GROUP BY
    `_tree`.`unit`
) AS `agg_person`
  ON `agg_person`.`_unit` = `u`.`code`
WHERE
  `u`.`level` = 4 OR `u`.`code` = %(org)s
ORDER BY
  `u`.`code` COLLATE utf8mb4_nopad_bin
