-- parameters: org
WITH RECURSIVE "_tree"("code", "level") AS (
  SELECT
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  WHERE
    "o"."code" = :org
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
    ) AND (
      FORMKIT_CMP(s."c_264d960f", '1') < 0
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
    ) AND (
      FORMKIT_CMP(s."c_eaa896ad", '0') < 0
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
    ) AND (
      FORMKIT_CMP(s."c_0d8e2f2a", '0') < 0
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
      FORMKIT_CMP(s."c_0d8e2f2a", s."c_e69d72ae") > 0
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
      NOT c."c_a752a7d8" COLLATE BINARY IN ('F', 'M')
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
      NOT c."c_fae03dd6" COLLATE BINARY IN ('home', 'phone', 'wechat')
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
      ) COLLATE BINARY <> ''
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
      WHEN INSTR('other' COLLATE BINARY, '') > 0
      THEN CASE WHEN NOT c."c_2806d073" IS NULL THEN FALSE END
      ELSE INSTR(c."c_2806d073" COLLATE BINARY, (
        '' || 'other'
      ) || '') > 0
    END
    AND CASE
      WHEN INSTR('other' COLLATE BINARY, '') > 0
      THEN CASE WHEN NOT c."c_2806d073" IS NULL THEN FALSE END
      ELSE INSTR(c."c_2806d073" COLLATE BINARY, (
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
      NOT c."c_968eaf6d" COLLATE BINARY IN ('elsewhere', 'paid', 'refuse', 'will')
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
      c."c_968eaf6d" COLLATE BINARY = 'refuse'
    )
    AND (
      c."c_968eaf6d" COLLATE BINARY = 'refuse'
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
      c."c_968eaf6d" COLLATE BINARY = 'refuse'
    )
    AND (
      NOT c."c_cd27f8e2" IS NULL
    )
    AND (
      NOT c."c_cd27f8e2" COLLATE BINARY IN ('money', 'no_need', 'other', 'unaware')
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
            THEN CAST(NULL AS INTEGER)
            WHEN NOT (
              c."c_c425e1cf" GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9Xx]'
            )
            THEN FALSE
            WHEN DATE(
              JULIANDAY(
                (
                  (
                    (
                      SUBSTR(c."c_c425e1cf", 7, 4) || '-'
                    ) || SUBSTR(c."c_c425e1cf", 11, 2)
                  ) || '-'
                ) || SUBSTR(c."c_c425e1cf", 13, 2)
              )
            ) = (
              (
                (
                  SUBSTR(c."c_c425e1cf", 7, 4) || '-'
                ) || SUBSTR(c."c_c425e1cf", 11, 2)
              ) || '-'
            ) || SUBSTR(c."c_c425e1cf", 13, 2)
            AND SUBSTR(c."c_c425e1cf", 7, 4) <> '0000'
            THEN UPPER(SUBSTR(c."c_c425e1cf", 18, 1)) = SUBSTR(
              '10X98765432',
              (
                (
                  SELECT
                    SUM((
                      UNICODE(SUBSTR(c."c_c425e1cf", fk_t.column1, 1)) - 48
                    ) * fk_t.column2)
                  FROM (
                    VALUES
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
                      (17, 2)
                  ) AS fk_t
                ) % 11
              ) + 1,
              1
            )
            ELSE FALSE
          END
          THEN CASE
            WHEN (
              UNICODE(SUBSTR(c."c_c425e1cf", 17, 1)) - 48
            ) % 2 = 1
            THEN 'M'
            ELSE 'F'
          END
        END COLLATE BINARY = c."c_a752a7d8",
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
                FORMKIT_CMP(
                  FORMKIT_SUB(
                    CAST(SUBSTR(c."c_820934d1", 1, 4) AS INTEGER),
                    CAST(SUBSTR(c."c_1c54caca", 1, 4) AS INTEGER)
                  ),
                  '79'
                ) >= 0
              )
            END
          FROM (
            SELECT
              NOT CASE
                WHEN INSTR('elderly' COLLATE BINARY, '') > 0
                THEN CASE WHEN NOT c."c_2806d073" IS NULL THEN FALSE END
                ELSE INSTR(c."c_2806d073" COLLATE BINARY, (
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
      NOT COALESCE(FORMKIT_CMP(s."c_0d8e2f2a", s."c_ac9bed40") >= 0, TRUE)
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
      NOT COALESCE(FORMKIT_CMP(s."c_eaa896ad", s."c_d2be4c32") >= 0, TRUE)
    )
) AS "v"
