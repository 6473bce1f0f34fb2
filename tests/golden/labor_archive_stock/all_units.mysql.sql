-- parameters: org
WITH RECURSIVE `_tree`(`code`, `unit`, `level`) AS (
  SELECT
    `o`.`code`,
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  WHERE
    `o`.`code` = %(org)s
  UNION ALL
  SELECT
    `o`.`code`,
    CASE WHEN `o`.`level` <= 3 THEN `o`.`code` ELSE `_tree`.`unit` END,
    `o`.`level`
  FROM `org_unit` AS `o`
  JOIN `_tree`
    ON `o`.`parent_code` = `_tree`.`code` AND `o`.`level` > `_tree`.`level`
)
SELECT
  `u`.`code` AS `_unit`,
  `u`.`level` AS `_level`
FROM `_tree` AS `u`
WHERE
  `u`.`level` = 3 OR `u`.`code` = %(org)s
ORDER BY
  `u`.`code` COLLATE utf8mb4_nopad_bin
