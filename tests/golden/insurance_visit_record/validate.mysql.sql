-- parameters: pattern_0, org
WITH RECURSIVE `_tree`(`code`, `level`) AS (
  SELECT
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  WHERE
    `o`.`code` = %(org)s
  UNION ALL
  SELECT
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  JOIN `_tree`
    ON `o`.`parent_code` = `_tree`.`code` AND `o`.`level` > `_tree`.`level`
), `_scope` AS (
  SELECT
    `s`.*
  FROM `fk_insurance_visit_record_v1` AS `s`
  WHERE
    s.`org` IN (
      SELECT
        _tree.`code`
      FROM `_tree`
    )
)
SELECT
  *
FROM (
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    '网格员人数' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`c_264d960f` IS NULL
    )
    AND (
      CAST(s.`c_264d960f` AS DECIMAL(38, 10)) < CAST(1 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访次数' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`c_eaa896ad` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    '走访次数' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`c_eaa896ad` IS NULL
    )
    AND (
      CAST(s.`c_eaa896ad` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '已动员参保人数' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`c_0d8e2f2a` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    '已动员参保人数' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`c_0d8e2f2a` IS NULL
    )
    AND (
      CAST(s.`c_0d8e2f2a` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'max' AS `rule`,
    'error' AS `severity`,
    '已动员参保人数' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`c_0d8e2f2a` IS NULL
    )
    AND (
      CAST(s.`c_0d8e2f2a` AS DECIMAL(38, 10)) > CAST(s.`c_e69d72ae` AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '姓名' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`c_50b5b1d2` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '身份证号' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`c_c425e1cf` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '性别' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`c_a752a7d8` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'choices' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '性别' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`c_a752a7d8` IS NULL
    )
    AND (
      NOT c.`c_a752a7d8` COLLATE utf8mb4_nopad_bin IN ('F', 'M')
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'pattern' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '门牌号' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`c_bc80d7c2` IS NULL
    )
    AND (
      REGEXP_INSTR(c.`c_bc80d7c2`, %(pattern_0)s) = 0
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '走访日期' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`c_820934d1` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '走访方式' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`c_fae03dd6` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'choices' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '走访方式' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`c_fae03dd6` IS NULL
    )
    AND (
      NOT c.`c_fae03dd6` COLLATE utf8mb4_nopad_bin IN ('home', 'phone', 'wechat')
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '宣传事项' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`c_2806d073` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'choices' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '宣传事项' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`c_2806d073` IS NULL
    )
    AND (
      REPLACE(
        REPLACE(
          REPLACE(
            REPLACE(
              REPLACE(
                REPLACE(
                  REPLACE(
                    REPLACE(
                      REPLACE(REPLACE(c.`c_2806d073`, 'disability', ''), 'disability', ''),
                      'elderly',
                      ''
                    ),
                    'elderly',
                    ''
                  ),
                  'medical',
                  ''
                ),
                'medical',
                ''
              ),
              'other',
              ''
            ),
            'other',
            ''
          ),
          'ssc',
          ''
        ),
        'ssc',
        ''
      ) COLLATE utf8mb4_nopad_bin <> ''
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '其他事项' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    CASE
      WHEN INSTR('other' COLLATE utf8mb4_nopad_bin, '') > 0
      THEN CASE WHEN NOT c.`c_2806d073` IS NULL THEN FALSE END
      ELSE INSTR(c.`c_2806d073` COLLATE utf8mb4_nopad_bin, CONCAT('', 'other', '')) > 0
    END
    AND CASE
      WHEN INSTR('other' COLLATE utf8mb4_nopad_bin, '') > 0
      THEN CASE WHEN NOT c.`c_2806d073` IS NULL THEN FALSE END
      ELSE INSTR(c.`c_2806d073` COLLATE utf8mb4_nopad_bin, CONCAT('', 'other', '')) > 0
    END
    AND (
      c.`c_775e05a5` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '参保意愿' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`c_968eaf6d` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'choices' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '参保意愿' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`c_968eaf6d` IS NULL
    )
    AND (
      NOT c.`c_968eaf6d` COLLATE utf8mb4_nopad_bin IN ('elsewhere', 'paid', 'refuse', 'will')
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '未参保原因' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`c_968eaf6d` COLLATE utf8mb4_nopad_bin = 'refuse'
    )
    AND (
      c.`c_968eaf6d` COLLATE utf8mb4_nopad_bin = 'refuse'
    )
    AND (
      c.`c_cd27f8e2` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'choices' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '未参保原因' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`c_968eaf6d` COLLATE utf8mb4_nopad_bin = 'refuse'
    )
    AND (
      NOT c.`c_cd27f8e2` IS NULL
    )
    AND (
      NOT c.`c_cd27f8e2` COLLATE utf8mb4_nopad_bin IN ('money', 'no_need', 'other', 'unaware')
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    '性别与身份证一致' AS `rule`,
    'error' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '性别' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT COALESCE(
        CASE
          WHEN CASE
            WHEN c.`c_c425e1cf` IS NULL
            THEN CAST(NULL AS SIGNED)
            WHEN NOT (
              CHAR_LENGTH(c.`c_c425e1cf`) = 18
              AND REGEXP_INSTR(c.`c_c425e1cf`, '^[0-9]{17}[0-9Xx]$') > 0
            )
            THEN FALSE
            WHEN SUBSTR(c.`c_c425e1cf`, 7, 4) <> '0000'
            AND CAST(SUBSTR(c.`c_c425e1cf`, 11, 2) AS SIGNED) BETWEEN 1 AND 12
            AND CAST(SUBSTR(c.`c_c425e1cf`, 13, 2) AS SIGNED) BETWEEN 1 AND CASE
              WHEN CAST(SUBSTR(c.`c_c425e1cf`, 11, 2) AS SIGNED) IN (4, 6, 9, 11)
              THEN 30
              WHEN CAST(SUBSTR(c.`c_c425e1cf`, 11, 2) AS SIGNED) = 2
              THEN CASE
                WHEN MOD(CAST(SUBSTR(c.`c_c425e1cf`, 7, 4) AS SIGNED), 4) = 0
                AND NOT (
                  MOD(CAST(SUBSTR(c.`c_c425e1cf`, 7, 4) AS SIGNED), 100) = 0
                )
                OR MOD(CAST(SUBSTR(c.`c_c425e1cf`, 7, 4) AS SIGNED), 400) = 0
                THEN 29
                ELSE 28
              END
              ELSE 31
            END
            THEN UPPER(SUBSTR(c.`c_c425e1cf`, 18, 1)) = SUBSTR(
              '10X98765432',
              (
                MOD(
                  (
                    SELECT
                      SUM((
                        ASCII(SUBSTR(c.`c_c425e1cf`, fk_t.fk_k, 1)) - 48
                      ) * fk_t.fk_w)
                    FROM JSON_TABLE(
                      '[[1, 7], [2, 9], [3, 10], [4, 5], [5, 8], [6, 4], [7, 2], [8, 1], [9, 6], [10, 3], [11, 7], [12, 9], [13, 10], [14, 5], [15, 8], [16, 4], [17, 2]]'
                    , '$[*]' COLUMNS(fk_k INT PATH '$[0]', fk_w INT PATH '$[1]')) AS fk_t
                  ),
                  11
                )
              ) + 1,
              1
            )
            ELSE FALSE
          END
          THEN CASE
            WHEN MOD((
              ASCII(SUBSTR(c.`c_c425e1cf`, 17, 1)) - 48
            ), 2) = 1
            THEN 'M'
            ELSE 'F'
          END
        END COLLATE utf8mb4_nopad_bin = c.`c_a752a7d8`,
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    '高龄津贴对象年龄' AS `rule`,
    'warning' AS `severity`,
    '走访登记' AS `field`,
    CAST(c.`row_no` - 1 AS CHAR) AS `row`,
    '宣传事项' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT COALESCE(
        CASE
          WHEN CASE
            WHEN NOT CASE
              WHEN INSTR('elderly' COLLATE utf8mb4_nopad_bin, '') > 0
              THEN CASE WHEN NOT c.`c_2806d073` IS NULL THEN FALSE END
              ELSE INSTR(c.`c_2806d073` COLLATE utf8mb4_nopad_bin, CONCAT('', 'elderly', '')) > 0
            END
            THEN FALSE
            ELSE ABS(
              CAST(CAST(YEAR(c.`c_820934d1`) AS DECIMAL(38, 10)) - CAST(YEAR(c.`c_1c54caca`) AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
            ) >= 9999999999999999999999999999.99999999995
          END
          THEN CAST(EXP(
            1000 + ISNULL(
              CASE
                WHEN NOT CASE
                  WHEN INSTR('elderly' COLLATE utf8mb4_nopad_bin, '') > 0
                  THEN CASE WHEN NOT c.`c_2806d073` IS NULL THEN FALSE END
                  ELSE INSTR(c.`c_2806d073` COLLATE utf8mb4_nopad_bin, CONCAT('', 'elderly', '')) > 0
                END
                THEN FALSE
                ELSE ABS(
                  CAST(CAST(YEAR(c.`c_820934d1`) AS DECIMAL(38, 10)) - CAST(YEAR(c.`c_1c54caca`) AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
                ) >= 9999999999999999999999999999.99999999995
              END
            )
          ) AS SIGNED)
          ELSE (
            SELECT
              CASE
                WHEN fk_l1.v0
                THEN TRUE
                ELSE fk_l1.v0
                OR (
                  CAST(CAST(YEAR(c.`c_820934d1`) AS DECIMAL(38, 10)) - CAST(YEAR(c.`c_1c54caca`) AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) >= CAST(79 AS DECIMAL(38, 10))
                )
              END
            FROM JSON_TABLE(
              JSON_ARRAY(
                NOT CASE
                  WHEN INSTR('elderly' COLLATE utf8mb4_nopad_bin, '') > 0
                  THEN CASE WHEN NOT c.`c_2806d073` IS NULL THEN FALSE END
                  ELSE INSTR(c.`c_2806d073` COLLATE utf8mb4_nopad_bin, CONCAT('', 'elderly', '')) > 0
                END
              )
            , '$' COLUMNS(v0 INT PATH '$[0]')) AS fk_l1
          )
        END,
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    '动员人数不少于登记' AS `rule`,
    'error' AS `severity`,
    '已动员参保人数' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`c_0d8e2f2a` AS DECIMAL(38, 10)) >= CAST(s.`c_ac9bed40` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    '走访次数不少于登记' AS `rule`,
    'warning' AS `severity`,
    '走访次数' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`c_eaa896ad` AS DECIMAL(38, 10)) >= CAST(s.`c_d2be4c32` AS DECIMAL(38, 10)),
        TRUE
      )
    )
) AS `v`
