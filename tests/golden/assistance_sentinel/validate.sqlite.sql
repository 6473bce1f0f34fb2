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
  FROM "fk_assistance_sentinel_v2" AS "s"
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
    'required' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'result' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."result" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'choices' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'result' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT c."result" IS NULL
    )
    AND (
      NOT c."result" COLLATE BINARY IN ('change', 'confirmed', 'stop')
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'method' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."method" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'choices' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'method' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT c."method" IS NULL
    )
    AND (
      NOT c."method" COLLATE BINARY IN ('phone', 'records', 'visit')
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'stop_date' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."result" COLLATE BINARY = 'stop'
    )
    AND (
      c."result" COLLATE BINARY = 'stop'
    )
    AND (
      c."stop_date" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'new_amount' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."result" COLLATE BINARY = 'change'
    )
    AND (
      c."result" COLLATE BINARY = 'change'
    )
    AND (
      c."new_amount" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'new_amount' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."result" COLLATE BINARY = 'change'
    )
    AND (
      NOT c."new_amount" IS NULL
    )
    AND (
      FORMKIT_CMP(c."new_amount", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'recover_amount' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."result" COLLATE BINARY IN ('stop', 'change')
    )
    AND (
      NOT c."recover_amount" IS NULL
    )
    AND (
      FORMKIT_CMP(c."recover_amount", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'note' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      c."result" COLLATE BINARY = 'confirmed'
    ) AND (
      c."note" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'death_means_stop' AS "rule",
    'warning' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'result' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT COALESCE((
        c."death_date" IS NULL
      ) OR (
        c."result" COLLATE BINARY = 'stop'
      ), TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'stop_after_start' AS "rule",
    'error' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'stop_date' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT COALESCE(c."stop_date" >= c."start_date", TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'change_changes_amount' AS "rule",
    'warning' AS "severity",
    'sentinel' AS "field",
    CAST(c."row_no" - 1 AS TEXT) AS "row",
    'new_amount' AS "col"
  FROM "_scope" AS "s"
  JOIN "fk_assistance_sentinel_v2__sentinel" AS "c"
    ON c."submission_id" = s."submission_id"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(c."new_amount", c."monthly_amount") <> 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'warning_rate_plausible' AS "rule",
    'warning' AS "severity",
    'warning_rate' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."warning_rate", '20') <= 0, TRUE)
    )
) AS "v"
