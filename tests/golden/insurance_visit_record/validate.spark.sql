-- parameters: pattern_0, org
WITH `_tree` AS (
  SELECT
    `c`.`descendant` AS `code`,
    `c`.`descendant_level` AS `level`
  FROM `fk_org__org_unit` AS `c`
  WHERE
    `c`.`ancestor` = :org
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
), `_checks`(`g`, `n`, `rule`, `severity`, `field`, `row`, `col`, `at_row`) AS (
  VALUES
    (0, 1, 'min', 'error', '网格员人数', NULL, NULL, 0),
    (0, 2, 'required', 'error', '走访次数', NULL, NULL, 0),
    (0, 3, 'min', 'error', '走访次数', NULL, NULL, 0),
    (0, 4, 'required', 'error', '已动员参保人数', NULL, NULL, 0),
    (0, 5, 'min', 'error', '已动员参保人数', NULL, NULL, 0),
    (0, 6, 'max', 'error', '已动员参保人数', NULL, NULL, 0),
    (0, 7, '动员人数不少于登记', 'error', '已动员参保人数', NULL, NULL, 0),
    (0, 8, '走访次数不少于登记', 'warning', '走访次数', NULL, NULL, 0),
    (1, 1, 'required', 'error', '走访登记', NULL, '姓名', 1),
    (1, 2, 'required', 'error', '走访登记', NULL, '身份证号', 1),
    (1, 3, 'required', 'error', '走访登记', NULL, '性别', 1),
    (1, 4, 'choices', 'error', '走访登记', NULL, '性别', 1),
    (1, 5, 'pattern', 'error', '走访登记', NULL, '门牌号', 1),
    (1, 6, 'required', 'error', '走访登记', NULL, '走访日期', 1),
    (1, 7, 'required', 'error', '走访登记', NULL, '走访方式', 1),
    (1, 8, 'choices', 'error', '走访登记', NULL, '走访方式', 1),
    (1, 9, 'required', 'error', '走访登记', NULL, '宣传事项', 1),
    (1, 10, 'choices', 'error', '走访登记', NULL, '宣传事项', 1),
    (1, 11, 'required', 'error', '走访登记', NULL, '其他事项', 1),
    (1, 12, 'required', 'error', '走访登记', NULL, '参保意愿', 1),
    (1, 13, 'choices', 'error', '走访登记', NULL, '参保意愿', 1),
    (1, 14, 'required', 'error', '走访登记', NULL, '未参保原因', 1),
    (1, 15, 'choices', 'error', '走访登记', NULL, '未参保原因', 1),
    (1, 16, '性别与身份证一致', 'error', '走访登记', NULL, '性别', 1),
    (1, 17, '高龄津贴对象年龄', 'warning', '走访登记', NULL, '宣传事项', 1)
)
SELECT
  *
FROM (
  SELECT
    f.`submission_id`,
    f.`org`,
    f.`period`,
    CAST(k.`rule` AS STRING) AS `rule`,
    CAST(k.`severity` AS STRING) AS `severity`,
    CAST(k.`field` AS STRING) AS `field`,
    CAST(k.`row` AS STRING) AS `row`,
    CAST(k.`col` AS STRING) AS `col`
  FROM (
    SELECT
      s.`submission_id`,
      s.`org`,
      s.`period`,
      (
        CONCAT(
          CASE
            WHEN (
              NOT s.`c_264d960f` IS NULL
            ) AND (
              s.`c_264d960f` < 1
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`c_eaa896ad` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`c_eaa896ad` IS NULL
            ) AND (
              s.`c_eaa896ad` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            s.`c_0d8e2f2a` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT s.`c_0d8e2f2a` IS NULL
            ) AND (
              s.`c_0d8e2f2a` < 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT s.`c_0d8e2f2a` IS NULL
            ) AND (
              s.`c_0d8e2f2a` > s.`c_e69d72ae`
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(s.`c_0d8e2f2a` >= s.`c_ac9bed40`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(s.`c_eaa896ad` >= s.`c_d2be4c32`, TRUE)
            )
            THEN '1'
            ELSE '0'
          END
        )
      ) AS `flags`
    FROM `_scope` AS `s`
  ) AS `f`
  JOIN `_checks` AS `k`
    ON k.`g` = 0 AND SUBSTRING(f.`flags`, k.`n`, 1) = '1'
  UNION ALL
  SELECT
    f.`submission_id`,
    f.`org`,
    f.`period`,
    CAST(k.`rule` AS STRING) AS `rule`,
    CAST(k.`severity` AS STRING) AS `severity`,
    CAST(k.`field` AS STRING) AS `field`,
    CASE
      WHEN k.`at_row` = 1
      THEN CAST(f.`row_no` - 1 AS STRING)
      ELSE CAST(k.`row` AS STRING)
    END AS `row`,
    CAST(k.`col` AS STRING) AS `col`
  FROM (
    SELECT
      s.`submission_id`,
      s.`org`,
      s.`period`,
      c.`row_no`,
      (
        CONCAT(
          CASE WHEN (
            c.`c_50b5b1d2` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE WHEN (
            c.`c_c425e1cf` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE WHEN (
            c.`c_a752a7d8` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT c.`c_a752a7d8` IS NULL
            ) AND (
              NOT c.`c_a752a7d8` IN ('F', 'M')
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT c.`c_bc80d7c2` IS NULL
            )
            AND (
              REGEXP_INSTR(c.`c_bc80d7c2`, :pattern_0) = 0
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            c.`c_820934d1` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE WHEN (
            c.`c_fae03dd6` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT c.`c_fae03dd6` IS NULL
            )
            AND (
              NOT c.`c_fae03dd6` IN ('home', 'phone', 'wechat')
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            c.`c_2806d073` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
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
                              REPLACE(REPLACE(c.`c_2806d073`, '\037disability\037', '\037'), '\037disability\037', '\037'),
                              '\037elderly\037',
                              '\037'
                            ),
                            '\037elderly\037',
                            '\037'
                          ),
                          '\037medical\037',
                          '\037'
                        ),
                        '\037medical\037',
                        '\037'
                      ),
                      '\037other\037',
                      '\037'
                    ),
                    '\037other\037',
                    '\037'
                  ),
                  '\037ssc\037',
                  '\037'
                ),
                '\037ssc\037',
                '\037'
              ) <> '\037'
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN CASE
              WHEN INSTR('other', '\037') > 0
              THEN CASE WHEN NOT c.`c_2806d073` IS NULL THEN FALSE END
              ELSE INSTR(c.`c_2806d073`, (
                '\037' || 'other'
              ) || '\037') > 0
            END
            AND CASE
              WHEN INSTR('other', '\037') > 0
              THEN CASE WHEN NOT c.`c_2806d073` IS NULL THEN FALSE END
              ELSE INSTR(c.`c_2806d073`, (
                '\037' || 'other'
              ) || '\037') > 0
            END
            AND (
              c.`c_775e05a5` IS NULL
            )
            THEN '1'
            ELSE '0'
          END,
          CASE WHEN (
            c.`c_968eaf6d` IS NULL
          ) THEN '1' ELSE '0' END,
          CASE
            WHEN (
              NOT c.`c_968eaf6d` IS NULL
            )
            AND (
              NOT c.`c_968eaf6d` IN ('elsewhere', 'paid', 'refuse', 'will')
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              c.`c_968eaf6d` = 'refuse'
            )
            AND (
              c.`c_968eaf6d` = 'refuse'
            )
            AND (
              c.`c_cd27f8e2` IS NULL
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              c.`c_968eaf6d` = 'refuse'
            )
            AND (
              NOT c.`c_cd27f8e2` IS NULL
            )
            AND (
              NOT c.`c_cd27f8e2` IN ('money', 'no_need', 'other', 'unaware')
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                CASE
                  WHEN CASE
                    WHEN c.`c_c425e1cf` IS NULL
                    THEN CAST(NULL AS BOOLEAN)
                    WHEN NOT (
                      CHAR_LENGTH(c.`c_c425e1cf`) = 18 AND c.`c_c425e1cf` RLIKE '^[0-9]{17}[0-9Xx]$'
                    )
                    THEN FALSE
                    WHEN SUBSTR(c.`c_c425e1cf`, 7, 4) <> '0000'
                    AND CAST(SUBSTR(c.`c_c425e1cf`, 11, 2) AS INT) BETWEEN 1 AND 12
                    AND CAST(SUBSTR(c.`c_c425e1cf`, 13, 2) AS INT) BETWEEN 1 AND CASE
                      WHEN CAST(SUBSTR(c.`c_c425e1cf`, 11, 2) AS INT) IN (4, 6, 9, 11)
                      THEN 30
                      WHEN CAST(SUBSTR(c.`c_c425e1cf`, 11, 2) AS INT) = 2
                      THEN CASE
                        WHEN CAST(SUBSTR(c.`c_c425e1cf`, 7, 4) AS INT) % 4 = 0
                        AND NOT (
                          CAST(SUBSTR(c.`c_c425e1cf`, 7, 4) AS INT) % 100 = 0
                        )
                        OR CAST(SUBSTR(c.`c_c425e1cf`, 7, 4) AS INT) % 400 = 0
                        THEN 29
                        ELSE 28
                      END
                      ELSE 31
                    END
                    THEN UPPER(SUBSTR(c.`c_c425e1cf`, 18, 1)) = SUBSTR(
                      '10X98765432',
                      (
                        AGGREGATE(
                          SEQUENCE(1, 17),
                          0,
                          (fk_acc, fk_k) -> fk_acc + (
                            ASCII(SUBSTR(c.`c_c425e1cf`, fk_k, 1)) - 48
                          ) * ELEMENT_AT(ARRAY(7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), fk_k)
                        ) % 11
                      ) + 1,
                      1
                    )
                    ELSE FALSE
                  END
                  THEN CASE
                    WHEN (
                      ASCII(SUBSTR(c.`c_c425e1cf`, 17, 1)) - 48
                    ) % 2 = 1
                    THEN 'M'
                    ELSE 'F'
                  END
                END = c.`c_a752a7d8`,
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END,
          CASE
            WHEN (
              NOT COALESCE(
                ELEMENT_AT(
                  TRANSFORM(
                    ARRAY(
                      NOT CASE
                        WHEN INSTR('elderly', '\037') > 0
                        THEN CASE WHEN NOT c.`c_2806d073` IS NULL THEN FALSE END
                        ELSE INSTR(c.`c_2806d073`, (
                          '\037' || 'elderly'
                        ) || '\037') > 0
                      END
                    ),
                    fk_s1 -> CASE
                      WHEN fk_s1
                      THEN TRUE
                      ELSE fk_s1
                      OR (
                        (
                          CAST(YEAR(c.`c_820934d1`) AS DECIMAL(38, 10)) - CAST(YEAR(c.`c_1c54caca`) AS DECIMAL(38, 10))
                        ) >= CAST(79 AS DECIMAL(38, 10))
                      )
                    END
                  ),
                  1
                ),
                TRUE
              )
            )
            THEN '1'
            ELSE '0'
          END
        )
      ) AS `flags`
    FROM `_scope` AS `s`
    JOIN `fk_insurance_visit_record_v1__c_dff426a2` AS `c`
      ON c.`submission_id` = s.`submission_id`
  ) AS `f`
  JOIN `_checks` AS `k`
    ON k.`g` = 1 AND SUBSTRING(f.`flags`, k.`n`, 1) = '1'
) AS `v`
