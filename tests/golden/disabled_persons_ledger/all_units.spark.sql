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
    `c`.`ancestor` = :org
)
SELECT
  `u`.`code` AS `_unit`,
  `u`.`level` AS `_level`,
  COALESCE(`agg_person`.`a1`, CAST(0 AS DECIMAL(38, 10))) AS `disabled_total`,
  COALESCE(`agg_person`.`a2`, CAST(0 AS DECIMAL(38, 10))) AS `cert_valid`,
  COALESCE(`agg_person`.`a3`, CAST(0 AS DECIMAL(38, 10))) AS `cert_expired`,
  COALESCE(`agg_person`.`a4`, CAST(0 AS DECIMAL(38, 10))) AS `severe_total`,
  COALESCE(`agg_person`.`a5`, CAST(0 AS DECIMAL(38, 10))) AS `poor_total`,
  COALESCE(`agg_person`.`a6`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.visual.grade_1`,
  COALESCE(`agg_person`.`a7`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.visual.grade_2`,
  COALESCE(`agg_person`.`a8`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.visual.grade_3`,
  COALESCE(`agg_person`.`a9`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.visual.grade_4`,
  COALESCE(`agg_person`.`a10`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.hearing.grade_1`,
  COALESCE(`agg_person`.`a11`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.hearing.grade_2`,
  COALESCE(`agg_person`.`a12`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.hearing.grade_3`,
  COALESCE(`agg_person`.`a13`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.hearing.grade_4`,
  COALESCE(`agg_person`.`a14`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.speech.grade_1`,
  COALESCE(`agg_person`.`a15`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.speech.grade_2`,
  COALESCE(`agg_person`.`a16`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.speech.grade_3`,
  COALESCE(`agg_person`.`a17`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.speech.grade_4`,
  COALESCE(`agg_person`.`a18`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.physical.grade_1`,
  COALESCE(`agg_person`.`a19`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.physical.grade_2`,
  COALESCE(`agg_person`.`a20`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.physical.grade_3`,
  COALESCE(`agg_person`.`a21`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.physical.grade_4`,
  COALESCE(`agg_person`.`a22`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.intellectual.grade_1`,
  COALESCE(`agg_person`.`a23`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.intellectual.grade_2`,
  COALESCE(`agg_person`.`a24`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.intellectual.grade_3`,
  COALESCE(`agg_person`.`a25`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.intellectual.grade_4`,
  COALESCE(`agg_person`.`a26`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.mental.grade_1`,
  COALESCE(`agg_person`.`a27`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.mental.grade_2`,
  COALESCE(`agg_person`.`a28`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.mental.grade_3`,
  COALESCE(`agg_person`.`a29`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.mental.grade_4`,
  COALESCE(`agg_person`.`a30`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.multiple.grade_1`,
  COALESCE(`agg_person`.`a31`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.multiple.grade_2`,
  COALESCE(`agg_person`.`a32`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.multiple.grade_3`,
  COALESCE(`agg_person`.`a33`, CAST(0 AS DECIMAL(38, 10))) AS `by_type.multiple.grade_4`
FROM `_tree` AS `u`
LEFT JOIN (
  SELECT
    CAST(COUNT(CASE WHEN NOT `t`.`disability_level` IS NULL THEN 1 END) AS DECIMAL(38, 10)) AS `a1`,
    CAST(COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`disability_cert_status` = 'valid'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a2`,
    CAST(COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`disability_cert_status` = 'expired'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a3`,
    CAST(COUNT(CASE WHEN `t`.`disability_level` IN (1, 2) THEN 1 END) AS DECIMAL(38, 10)) AS `a4`,
    CAST(COUNT(
      CASE
        WHEN (
          NOT `t`.`disability_level` IS NULL
        )
        AND (
          `t`.`household_econ` IN ('dibao', 'dibian', 'tekun')
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a5`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'visual'
        ) AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a6`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'visual'
        ) AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a7`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'visual'
        ) AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a8`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'visual'
        ) AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a9`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'hearing'
        ) AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a10`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'hearing'
        ) AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a11`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'hearing'
        ) AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a12`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'hearing'
        ) AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a13`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'speech'
        ) AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a14`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'speech'
        ) AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a15`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'speech'
        ) AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a16`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'speech'
        ) AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a17`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'physical'
        ) AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a18`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'physical'
        ) AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a19`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'physical'
        ) AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a20`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'physical'
        ) AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a21`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'intellectual'
        ) AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a22`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'intellectual'
        ) AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a23`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'intellectual'
        ) AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a24`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'intellectual'
        ) AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a25`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'mental'
        ) AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a26`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'mental'
        ) AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a27`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'mental'
        ) AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a28`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'mental'
        ) AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a29`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'multiple'
        ) AND (
          `t`.`disability_level` = 1
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a30`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'multiple'
        ) AND (
          `t`.`disability_level` = 2
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a31`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'multiple'
        ) AND (
          `t`.`disability_level` = 3
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a32`,
    CAST(COUNT(
      CASE
        WHEN (
          `t`.`disability_type` = 'multiple'
        ) AND (
          `t`.`disability_level` = 4
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS `a33`,
    `_tree`.`unit` AS `_unit`
  FROM `person` AS `t`
  JOIN `_tree`
    ON `t`.`community_code` = `_tree`.`code`
  GROUP BY
    `_tree`.`unit`
) AS `agg_person`
  ON `agg_person`.`_unit` = `u`.`code`
WHERE
  `u`.`level` = 4 OR `u`.`code` = :org
ORDER BY
  `u`.`code`
