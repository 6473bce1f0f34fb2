-- parameters: pattern_0, org
WITH RECURSIVE "_tree"("code", "level") AS (
  SELECT
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  WHERE
    "o"."code" = $2
  UNION ALL
  SELECT
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  JOIN "_tree"
    ON "o"."parent_code" = "_tree"."code" AND "o"."level" > "_tree"."level"
), "_scope" AS (
  SELECT
    "s".*
  FROM "fk_insurance_visit_record_v1" AS "s"
  WHERE
    s."org" IN (
      SELECT
        _tree."code"
      FROM "_tree"
    )
)
SELECT
  *
FROM (
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    '网格员人数' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."c_264d960f" IS NULL
    )
    AND (
      CAST(s."c_264d960f" AS DECIMAL(38, 10)) < CAST(1 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访次数' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."c_eaa896ad" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    '走访次数' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."c_eaa896ad" IS NULL
    )
    AND (
      CAST(s."c_eaa896ad" AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '已动员参保人数' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."c_0d8e2f2a" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    '已动员参保人数' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."c_0d8e2f2a" IS NULL
    )
    AND (
      CAST(s."c_0d8e2f2a" AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'max' AS "rule",
    'error' AS "severity",
    '已动员参保人数' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."c_0d8e2f2a" IS NULL
    )
    AND (
      CAST(s."c_0d8e2f2a" AS DECIMAL(38, 10)) > CAST(s."c_e69d72ae" AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '姓名' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."c_50b5b1d2" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '身份证号' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."c_c425e1cf" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '性别' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."c_a752a7d8" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'choices' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '性别' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT c."c_a752a7d8" IS NULL
    )
    AND (
      NOT c."c_a752a7d8" COLLATE "C" IN ('F', 'M')
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'pattern' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '门牌号' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT c."c_bc80d7c2" IS NULL
    ) AND (
      NOT c."c_bc80d7c2" COLLATE "C" ~ $1
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '走访日期' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."c_820934d1" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '走访方式' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."c_fae03dd6" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'choices' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '走访方式' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT c."c_fae03dd6" IS NULL
    )
    AND (
      NOT c."c_fae03dd6" COLLATE "C" IN ('home', 'phone', 'wechat')
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '宣传事项' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."c_2806d073" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'choices' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '宣传事项' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT c."c_2806d073" IS NULL
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
                      REPLACE(REPLACE(c."c_2806d073", 'disability', ''), 'disability', ''),
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
      ) COLLATE "C" <> ''
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '其他事项' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    CASE
      WHEN STRPOS('other', '') > 0
      THEN CASE WHEN NOT c."c_2806d073" IS NULL THEN FALSE END
      ELSE STRPOS(c."c_2806d073", (
        '' || 'other'
      ) || '') > 0
    END
    AND CASE
      WHEN STRPOS('other', '') > 0
      THEN CASE WHEN NOT c."c_2806d073" IS NULL THEN FALSE END
      ELSE STRPOS(c."c_2806d073", (
        '' || 'other'
      ) || '') > 0
    END
    AND (
      c."c_775e05a5" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '参保意愿' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."c_968eaf6d" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'choices' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '参保意愿' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT c."c_968eaf6d" IS NULL
    )
    AND (
      NOT c."c_968eaf6d" COLLATE "C" IN ('elsewhere', 'paid', 'refuse', 'will')
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '未参保原因' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."c_968eaf6d" COLLATE "C" = 'refuse'
    )
    AND (
      c."c_968eaf6d" COLLATE "C" = 'refuse'
    )
    AND (
      c."c_cd27f8e2" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'choices' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '未参保原因' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."c_968eaf6d" COLLATE "C" = 'refuse'
    )
    AND (
      NOT c."c_cd27f8e2" IS NULL
    )
    AND (
      NOT c."c_cd27f8e2" COLLATE "C" IN ('money', 'no_need', 'other', 'unaware')
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    '性别与身份证一致' AS "rule",
    'error' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '性别' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT COALESCE(
        CASE
          WHEN CASE
            WHEN c."c_c425e1cf" IS NULL
            THEN CAST(NULL AS BOOLEAN)
            WHEN NOT (
              c."c_c425e1cf" ~ '^[0-9]{17}[0-9Xx]$'
            )
            THEN FALSE
            WHEN SUBSTR(c."c_c425e1cf", 7, 4) <> '0000'
            AND CAST(SUBSTR(c."c_c425e1cf", 11, 2) AS INT) BETWEEN 1 AND 12
            AND CAST(SUBSTR(c."c_c425e1cf", 13, 2) AS INT) BETWEEN 1 AND CASE
              WHEN CAST(SUBSTR(c."c_c425e1cf", 11, 2) AS INT) IN (4, 6, 9, 11)
              THEN 30
              WHEN CAST(SUBSTR(c."c_c425e1cf", 11, 2) AS INT) = 2
              THEN CASE
                WHEN CAST(SUBSTR(c."c_c425e1cf", 7, 4) AS INT) % 4 = 0
                AND NOT (
                  CAST(SUBSTR(c."c_c425e1cf", 7, 4) AS INT) % 100 = 0
                )
                OR CAST(SUBSTR(c."c_c425e1cf", 7, 4) AS INT) % 400 = 0
                THEN 29
                ELSE 28
              END
              ELSE 31
            END
            THEN UPPER(SUBSTR(c."c_c425e1cf", 18, 1)) = SUBSTR(
              '10X98765432',
              CAST((
                (
                  SELECT
                    SUM((
                      ASCII(SUBSTR(c."c_c425e1cf", fk_t.fk_k, 1)) - 48
                    ) * fk_t.fk_w)
                  FROM (VALUES
                    (1, 7),
                    (2, 9),
                    (3, 10),
                    (4, 5),
                    (5, 8),
                    (6, 4),
                    (7, 2),
                    (8, 1),
                    (9, 6),
                    (10, 3),
                    (11, 7),
                    (12, 9),
                    (13, 10),
                    (14, 5),
                    (15, 8),
                    (16, 4),
                    (17, 2)) AS fk_t(fk_k, fk_w)
                ) % 11
              ) + 1 AS INT),
              1
            )
            ELSE FALSE
          END
          THEN CASE
            WHEN (
              ASCII(SUBSTR(c."c_c425e1cf", 17, 1)) - 48
            ) % 2 = 1
            THEN 'M'
            ELSE 'F'
          END
        END COLLATE "C" = c."c_a752a7d8",
        TRUE
      )
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    '高龄津贴对象年龄' AS "rule",
    'warning' AS "severity",
    '走访登记' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    '宣传事项' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_insurance_visit_record_v1__c_dff426a2" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT COALESCE(
        (
          SELECT
            CASE
              WHEN fk_l1.v0
              THEN TRUE
              ELSE fk_l1.v0
              OR (
                CAST(CAST(CAST(EXTRACT(YEAR FROM c."c_820934d1") AS INT) AS DECIMAL(38, 10)) - CAST(CAST(EXTRACT(YEAR FROM c."c_1c54caca") AS INT) AS DECIMAL(38, 10)) AS DECIMAL(38, 10)) >= CAST(79 AS DECIMAL(38, 10))
              )
            END
          FROM (
            SELECT
              NOT CASE
                WHEN STRPOS('elderly', '') > 0
                THEN CASE WHEN NOT c."c_2806d073" IS NULL THEN FALSE END
                ELSE STRPOS(c."c_2806d073", (
                  '' || 'elderly'
                ) || '') > 0
              END AS v0
          ) AS fk_l1
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    '动员人数不少于登记' AS "rule",
    'error' AS "severity",
    '已动员参保人数' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(
        CAST(s."c_0d8e2f2a" AS DECIMAL(38, 10)) >= CAST(s."c_ac9bed40" AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    '走访次数不少于登记' AS "rule",
    'warning' AS "severity",
    '走访次数' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(
        CAST(s."c_eaa896ad" AS DECIMAL(38, 10)) >= CAST(s."c_d2be4c32" AS DECIMAL(38, 10)),
        TRUE
      )
    )
) AS "v"
