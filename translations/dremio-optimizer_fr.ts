<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>dopt::AnalysisController</name>
    <message>
        <source>Analysis stopped: another workspace was opened</source>
        <translation>Analyse arrêtée&#xa0;: un autre espace de travail a été ouvert</translation>
    </message>
    <message>
        <source>An analysis is already running</source>
        <translation>Une analyse est déjà en cours</translation>
    </message>
</context>
<context>
    <name>dopt::AnalysisProgressWidget</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop the analysis; the previous results stay</source>
        <translation>Arrêter l&apos;analyse&#xa0;; les résultats précédents sont conservés</translation>
    </message>
    <message>
        <source>Analysing…</source>
        <translation>Analyse…</translation>
    </message>
</context>
<context>
    <name>dopt::AnalysisText</name>
    <message>
        <source>%1 %2 returns %3× the rows of its larger input</source>
        <translation>%1 %2 renvoie %3× les lignes de sa plus grande entrée</translation>
    </message>
    <message>
        <source>Check the join condition (%1): join on a unique key, add the missing key column, or de-duplicate / aggregate one side before joining.</source>
        <translation>Vérifiez la condition de jointure (%1)&#xa0;: joignez sur une clé unique, ajoutez la colonne de clé manquante, ou dédoublonnez / agrégez un côté avant la jointure.</translation>
    </message>
    <message>
        <source>%1 spilled %2 MiB to temporary files</source>
        <translation>%1 a débordé de %2 MiB dans des fichiers temporaires</translation>
    </message>
    <message>
        <source>Give this statement more work_mem (SET LOCAL work_mem in its transaction) so its sorts and hashes stay in memory, or reduce the rows reaching them.</source>
        <translation>Donnez plus de work_mem à cette instruction (SET LOCAL work_mem dans sa transaction) pour que ses tris et hachages restent en mémoire, ou réduisez les lignes qui les atteignent.</translation>
    </message>
    <message>
        <source>%1 %2 spilled %3 MiB to disk</source>
        <translation>%1 %2 a débordé de %3 MiB sur disque</translation>
    </message>
    <message>
        <source>Reduce the rows or groups reaching this operator (filter earlier, aggregate fewer columns), or run the query on an engine or queue with more memory per node.</source>
        <translation>Réduisez les lignes ou groupes qui atteignent cet opérateur (filtrez plus tôt, agrégez moins de colonnes), ou exécutez la requête sur un moteur ou une file avec plus de mémoire par nœud.</translation>
    </message>
    <message>
        <source>Nested-loop join %1 compares %2 row pairs</source>
        <translation>La jointure en boucles imbriquées %1 compare %2 paires de lignes</translation>
    </message>
    <message>
        <source>Give the join an equality condition (or move range/OR conditions into a WHERE after an equi-join) so Dremio can use a hash join.</source>
        <translation>Donnez à la jointure une condition d&apos;égalité (ou déplacez les conditions d&apos;intervalle/OR dans un WHERE après une équi-jointure) pour que Dremio puisse utiliser une jointure par hachage.</translation>
    </message>
    <message>
        <source>Function on a filtered column: %1</source>
        <translation>Fonction sur une colonne filtrée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Compare the column itself with a range (rewrite attached) so partitions and row groups are pruned.</source>
        <translation>Comparez la colonne elle-même à un intervalle (réécriture jointe) pour que les partitions et groupes de lignes soient élagués.</translation>
    </message>
    <message>
        <source>Avoid wrapping the filtered column in a function: store the computed value as a column or compare the column itself.</source>
        <translation>Évitez d&apos;envelopper la colonne filtrée dans une fonction&#xa0;: stockez la valeur calculée dans une colonne ou comparez la colonne elle-même.</translation>
    </message>
    <message>
        <source>Same statement shape run %1 times within %2 min, median %3 rows each</source>
        <translation>Même forme d&apos;instruction exécutée %1 fois en %2 min, %3 lignes chacune en médiane</translation>
    </message>
    <message>
        <source>Fetch the rows in one query (an IN list or a join with the keys) instead of one query per key.</source>
        <translation>Lisez les lignes en une seule requête (une liste IN ou une jointure avec les clés) au lieu d&apos;une requête par clé.</translation>
    </message>
    <message>
        <source>Fetch the rows in one query (an IN list or a join with the keys) instead of one query per key (mostly from %1).</source>
        <translation>Lisez les lignes en une seule requête (une liste IN ou une jointure avec les clés) au lieu d&apos;une requête par clé (surtout depuis %1).</translation>
    </message>
    <message>
        <source>%1 is an Iceberg table without partitions (table_partitions lists one): add a partition field on the column the filter uses (ALTER TABLE %1 ADD PARTITION FIELD ...), or sort the data on it, so scans can skip files.</source>
        <translation>%1 est une table Iceberg sans partitions (table_partitions en liste une)&#xa0;: ajoutez un champ de partition sur la colonne qu&apos;utilise le filtre (ALTER TABLE %1 ADD PARTITION FIELD ...), ou triez les données sur elle, pour que les lectures puissent sauter des fichiers.</translation>
    </message>
    <message>
        <source>Scan %1 read %2 splits without a scan filter, then filter %3 kept %4% of the rows</source>
        <translation>La lecture %1 a lu %2 splits sans filtre de lecture, puis le filtre %3 a gardé %4&#xa0;% des lignes</translation>
    </message>
    <message>
        <source>The condition (%1) is not pushed into the scan: compare the partition column directly with constants (no function or CAST on it) so Dremio can prune partitions.</source>
        <translation>La condition (%1) n&apos;est pas poussée dans la lecture&#xa0;: comparez la colonne de partition directement à des constantes (sans fonction ni CAST dessus) pour que Dremio puisse élaguer les partitions.</translation>
    </message>
    <message>
        <source>%1 of the table&apos;s %2</source>
        <translation>%1 des %2 de la table</translation>
    </message>
    <message>
        <source>%1 %2 scanned %3 partitions, %4 of them without a matching row: the filter did not prune</source>
        <translation>%1 %2 a lu %3 partitions, dont %4 sans ligne correspondante&#xa0;: le filtre n&apos;a pas élagué</translation>
    </message>
    <message>
        <source>The filter (%1) is applied in every partition (%2...) instead of pruning them: compare the partition key directly with constants or parameters (no function or cast on it; now() and other non-immutable expressions prune only at execution) so PostgreSQL skips the partitions.</source>
        <translation>Le filtre (%1) est appliqué dans chaque partition (%2...) au lieu de les élaguer&#xa0;: comparez la clé de partition directement à des constantes ou des paramètres (sans fonction ni conversion dessus&#xa0;; now() et les autres expressions non immuables n&apos;élaguent qu&apos;à l&apos;exécution) pour que PostgreSQL saute les partitions.</translation>
    </message>
    <message>
        <source>Index %1 (%2): the planner cost falls by %3%</source>
        <translation>Indexer %1 (%2)&#xa0;: le coût du planificateur baisse de %3&#xa0;%</translation>
    </message>
    <message>
        <source>A sequential scan of %1 (about %2 rows) keeps about %3 rows with the filter %4. A hypothetical index on (%5) lowers the planner cost from %6 to %7. The table had %8 rows written since the statistics were reset; every write also updates the index.</source>
        <translation>Une lecture séquentielle de %1 (environ %2 lignes) garde environ %3 lignes avec le filtre %4. Un index hypothétique sur (%5) abaisse le coût du planificateur de %6 à %7. La table a reçu %8 lignes écrites depuis la remise à zéro des statistiques&#xa0;; chaque écriture met aussi l&apos;index à jour.</translation>
    </message>
    <message>
        <source>Drop unused index %1 on %2</source>
        <translation>Supprimer l&apos;index inutilisé %1 sur %2</translation>
    </message>
    <message>
        <source>%1 (%2 kB) was never scanned since the statistics were reset, yet every write to %3 updates it. Check replicas and rare reports before dropping it.</source>
        <translation>%1 (%2 kB) n&apos;a jamais été lu depuis la remise à zéro des statistiques, mais chaque écriture dans %3 le met à jour. Vérifiez les réplicas et les rapports rares avant de le supprimer.</translation>
    </message>
    <message>
        <source>Rewrite: %1.</source>
        <translation>Réécriture&#xa0;: %1.</translation>
    </message>
    <message>
        <source>SET work_mem = &apos;%1&apos; for this statement: %2</source>
        <translation>SET work_mem = &apos;%1&apos; pour cette instruction&#xa0;: %2</translation>
    </message>
    <message>
        <source>With work_mem = %1 (hash tables may use %2x that) the plan&apos;s sorts and hashes spilled; they needed about %3 of sort memory and %4 of hash memory. Run SET LOCAL work_mem = &apos;%5&apos; in this statement&apos;s transaction (or SET it before the statement and RESET after). Not ALTER SYSTEM or ALTER ROLE: every sort and hash of every connection could then use that much memory.</source>
        <translation>Avec work_mem = %1 (les tables de hachage peuvent en utiliser %2 fois plus), les tris et hachages du plan ont débordé&#xa0;; il leur fallait environ %3 de mémoire de tri et %4 de mémoire de hachage. Exécutez SET LOCAL work_mem = &apos;%5&apos; dans la transaction de cette instruction (ou SET avant l&apos;instruction et RESET après). Pas ALTER SYSTEM ni ALTER ROLE&#xa0;: chaque tri et hachage de chaque connexion pourrait alors utiliser autant de mémoire.</translation>
    </message>
    <message>
        <source>That is more than the %1 proposed at most: this value reduces the spill; reducing the rows sorted or hashed would remove it.</source>
        <translation>C&apos;est plus que les %1 proposés au maximum&#xa0;: cette valeur réduit le débordement&#xa0;; réduire les lignes triées ou hachées le supprimerait.</translation>
    </message>
    <message>
        <source>Create a raw reflection on %1: %2</source>
        <translation>Créer une réflexion brute sur %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Create an aggregation reflection on %1: %2</source>
        <translation>Créer une réflexion d&apos;agrégation sur %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The query joins other tables: a reflection on a view of the join would serve it entirely.</source>
        <translation>La requête joint d&apos;autres tables&#xa0;: une réflexion sur une vue de la jointure la servirait entièrement.</translation>
    </message>
    <message>
        <source>Also found by %1: %2.</source>
        <translation>Aussi trouvé par %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Unaccelerated aggregation shape ran %1 times, median %2 s</source>
        <translation>Forme d&apos;agrégation non accélérée exécutée %1 fois, médiane %2 s</translation>
    </message>
    <message>
        <source>Unaccelerated scan shape ran %1 times, median %2 s</source>
        <translation>Forme de lecture non accélérée exécutée %1 fois, médiane %2 s</translation>
    </message>
    <message>
        <source>Create an aggregation reflection on the grouped columns and measures (definition attached).</source>
        <translation>Créez une réflexion d&apos;agrégation sur les colonnes groupées et les mesures (définition jointe).</translation>
    </message>
    <message>
        <source>Create a raw reflection with the columns this shape reads (definition attached).</source>
        <translation>Créez une réflexion brute avec les colonnes que lit cette forme (définition jointe).</translation>
    </message>
    <message>
        <source>Reflection %1 on %2 was never chosen in %3 jobs</source>
        <translation>La réflexion %1 sur %2 n&apos;a jamais été choisie en %3 jobs</translation>
    </message>
    <message>
        <source>Drop the reflection (or disable it): no query used it, yet it takes storage and refresh time.</source>
        <translation>Supprimez la réflexion (ou désactivez-la)&#xa0;: aucune requête ne l&apos;a utilisée, mais elle occupe du stockage et du temps de rafraîchissement.</translation>
    </message>
    <message>
        <source>%1× slower since %2 (median %3 s → %4 s)</source>
        <translation>%1× plus lent depuis %2 (médiane %3 s → %4 s)</translation>
    </message>
    <message>
        <source>Compare a recent profile with one from before the change (plan, rows and files scanned, reflections used, queue) to find what changed.</source>
        <translation>Comparez un profil récent avec un profil d&apos;avant le changement (plan, lignes et fichiers lus, réflexions utilisées, file) pour trouver ce qui a changé.</translation>
    </message>
    <message>
        <source>%1 %2: planner underestimated the rows %3×</source>
        <translation>%1 %2&#xa0;: le planificateur a sous-estimé les lignes %3×</translation>
    </message>
    <message>
        <source>%1 %2: planner overestimated the rows %3×</source>
        <translation>%1 %2&#xa0;: le planificateur a surestimé les lignes %3×</translation>
    </message>
    <message>
        <source>Refresh the table&apos;s metadata and statistics (ALTER TABLE ... REFRESH METADATA / ANALYZE TABLE ... COMPUTE STATISTICS) so join order and distribution follow the real row counts.</source>
        <translation>Rafraîchissez les métadonnées et statistiques de la table (ALTER TABLE ... REFRESH METADATA / ANALYZE TABLE ... COMPUTE STATISTICS) pour que l&apos;ordre des jointures et la distribution suivent les vrais nombres de lignes.</translation>
    </message>
    <message>
        <source>SELECT * reading %1 GiB of a %2-column dataset</source>
        <translation>SELECT * lisant %1 GiB d&apos;un jeu de données de %2 colonnes</translation>
    </message>
    <message>
        <source>SELECT * reading %1 GiB</source>
        <translation>SELECT * lisant %1 GiB</translation>
    </message>
    <message>
        <source>List only the columns the consumer uses: columnar files then read only those.</source>
        <translation>Listez seulement les colonnes qu&apos;utilise le consommateur&#xa0;: les fichiers en colonnes ne liront alors que celles-ci.</translation>
    </message>
    <message>
        <source>Scan %1 read %2 files of %3 KiB on average</source>
        <translation>La lecture %1 a lu %2 fichiers de %3 KiB en moyenne</translation>
    </message>
    <message>
        <source>Compact the table&apos;s data files (OPTIMIZE TABLE ... REWRITE DATA USING BIN_PACK).</source>
        <translation>Compactez les fichiers de données de la table (OPTIMIZE TABLE ... REWRITE DATA USING BIN_PACK).</translation>
    </message>
    <message>
        <source>Writer %1 produced %2 files of %3 KiB on average</source>
        <translation>L&apos;écriture %1 a produit %2 fichiers de %3 KiB en moyenne</translation>
    </message>
    <message>
        <source>Write fewer, larger files (fewer writer threads or a coarser partitioning), and compact the target with OPTIMIZE TABLE after the load.</source>
        <translation>Écrivez des fichiers moins nombreux et plus gros (moins de threads d&apos;écriture ou un partitionnement plus grossier), et compactez la cible avec OPTIMIZE TABLE après le chargement.</translation>
    </message>
    <message>
        <source>Table %1 has %2 of its %3 files under %4 MiB</source>
        <translation>La table %1 a %2 de ses %3 fichiers sous %4 MiB</translation>
    </message>
    <message>
        <source>Correlated scalar subquery in the select list</source>
        <translation>Sous-requête scalaire corrélée dans la liste du SELECT</translation>
    </message>
    <message>
        <source>NOT IN over a subquery</source>
        <translation>NOT IN sur une sous-requête</translation>
    </message>
    <message>
        <source>Rewrite NOT IN (subquery) as NOT EXISTS: NOT IN must handle NULLs (a null-aware anti-join) and returns nothing once the subquery yields a NULL.</source>
        <translation>Réécrivez NOT IN (sous-requête) en NOT EXISTS&#xa0;: NOT IN doit gérer les NULL (une anti-jointure tenant compte des NULL) et ne renvoie rien dès que la sous-requête produit un NULL.</translation>
    </message>
    <message>
        <source>Correlated IN (subquery)</source>
        <translation>IN (sous-requête) corrélé</translation>
    </message>
    <message>
        <source>The IN subquery is already correlated with the outer query: one EXISTS expresses both conditions and is decorrelated once.</source>
        <translation>La sous-requête IN est déjà corrélée à la requête externe&#xa0;: un seul EXISTS exprime les deux conditions et est décorrélé une fois.</translation>
    </message>
    <message>
        <source>Compute the subquery once with GROUP BY and LEFT JOIN it, instead of evaluating it per outer row.</source>
        <translation>Calculez la sous-requête une fois avec GROUP BY et joignez-la par LEFT JOIN, au lieu de l&apos;évaluer pour chaque ligne externe.</translation>
    </message>
    <message>
        <source>%1 %2: work skewed across %3 threads (slowest %4× the average)</source>
        <translation>%1 %2&#xa0;: travail déséquilibré entre %3 threads (le plus lent à %4× la moyenne)</translation>
    </message>
    <message>
        <source>Find the hot key of the distribution (%1): filter or pre-aggregate it, salt the key, or let the planner broadcast the smaller side.</source>
        <translation>Trouvez la clé chaude de la distribution (%1)&#xa0;: filtrez-la ou pré-agrégez-la, salez la clé, ou laissez le planificateur diffuser le plus petit côté.</translation>
    </message>
    <message>
        <source>Query returned %1 rows without LIMIT</source>
        <translation>La requête a renvoyé %1 lignes sans LIMIT</translation>
    </message>
    <message>
        <source>Add a LIMIT or aggregate further; for a real export, write the result with CTAS instead of fetching it.</source>
        <translation>Ajoutez un LIMIT ou agrégez davantage&#xa0;; pour un vrai export, écrivez le résultat avec CTAS au lieu de le récupérer.</translation>
    </message>
    <message>
        <source>NOT IN (subquery) on %1 rewritten as NOT EXISTS</source>
        <translation>NOT IN (sous-requête) sur %1 réécrit en NOT EXISTS</translation>
    </message>
    <message>
        <source>Same rows when %1 and %2 are never NULL. Otherwise NOT IN returns no row at all as soon as the subquery yields a NULL, and drops rows whose %1 is NULL, while NOT EXISTS keeps them: usually what was meant, but check.</source>
        <translation>Mêmes lignes quand %1 et %2 ne sont jamais NULL. Sinon NOT IN ne renvoie plus aucune ligne dès que la sous-requête produit un NULL, et écarte les lignes dont %1 est NULL, alors que NOT EXISTS les garde&#xa0;: c&apos;est en général ce qui était voulu, mais vérifiez.</translation>
    </message>
    <message>
        <source>Correlated IN (subquery) on %1 rewritten as one EXISTS</source>
        <translation>IN (sous-requête) corrélé sur %1 réécrit en un seul EXISTS</translation>
    </message>
    <message>
        <source>Same rows in a WHERE condition (IN and EXISTS differ only under NOT).</source>
        <translation>Mêmes lignes dans une condition WHERE (IN et EXISTS ne diffèrent que sous NOT).</translation>
    </message>
    <message>
        <source>Correlated scalar subquery %1 AS %2 rewritten as a LEFT JOIN grouped by %3</source>
        <translation>Sous-requête scalaire corrélée %1 AS %2 réécrite en LEFT JOIN groupé par %3</translation>
    </message>
    <message>
        <source>Same rows when each correlation compares columns of one type, or of types compared exactly (int and bigint); a lossy implicit cast (decimal = double) could let two groups match one outer row.</source>
        <translation>Mêmes lignes quand chaque corrélation compare des colonnes d&apos;un même type, ou de types comparés exactement (int et bigint)&#xa0;; une conversion implicite avec perte (decimal = double) pourrait faire correspondre deux groupes à une ligne externe.</translation>
    </message>
    <message>
        <source>%1 replaced by a range on the column itself</source>
        <translation>%1 remplacé par un intervalle sur la colonne elle-même</translation>
    </message>
    <message>
        <source>Exact for DATE and TIMESTAMP columns (a TIMESTAMP compares with the DATE bounds at midnight).</source>
        <translation>Exact pour les colonnes DATE et TIMESTAMP (un TIMESTAMP se compare aux bornes DATE à minuit).</translation>
    </message>
    <message>
        <source>LIMIT %1 added</source>
        <translation>LIMIT %1 ajouté</translation>
    </message>
    <message>
        <source>Changes the result: only the first %1 rows are returned.</source>
        <translation>Change le résultat&#xa0;: seules les %1 premières lignes sont renvoyées.</translation>
    </message>
    <message>
        <source>%1 (assumed default)</source>
        <translation>%1 (valeur par défaut supposée)</translation>
    </message>
    <message>
        <source>%1 is partitioned by %2 (%3 partitions): the scan read about %4 of them; filter on %5 itself.</source>
        <translation>%1 est partitionnée par %2 (%3 partitions)&#xa0;: la lecture en a lu environ %4&#xa0;; filtrez sur %5 directement.</translation>
    </message>
    <message>
        <source>%1 is partitioned by %2 (%3 partitions): the scan read about %4 of them; filter on these columns themselves.</source>
        <translation>%1 est partitionnée par %2 (%3 partitions)&#xa0;: la lecture en a lu environ %4&#xa0;; filtrez sur ces colonnes directement.</translation>
    </message>
    <message>
        <source>Track record of %1: %2 measurement(s), measured/predicted %3 (median), confidence x %4.</source>
        <translation>Historique de %1&#xa0;: %2 mesure(s), mesuré/prédit %3 (médiane), confiance x %4.</translation>
    </message>
    <message>
        <source>Saving estimated by model %1: %2% of a run, %3 ms per run x %4 runs.</source>
        <translation>Gain estimé par le modèle %1&#xa0;: %2&#xa0;% d&apos;une exécution, %3 ms par exécution x %4 exécutions.</translation>
    </message>
    <message>
        <source>Join output many times its larger input</source>
        <translation>Jointure produisant bien plus de lignes que sa plus grande entrée</translation>
    </message>
    <message>
        <source>Sort, aggregate or join spilling to disk</source>
        <translation>Tri, agrégation ou jointure débordant sur disque</translation>
    </message>
    <message>
        <source>Nested-loop join over large inputs</source>
        <translation>Jointure en boucles imbriquées sur de grandes entrées</translation>
    </message>
    <message>
        <source>Function or cast on a filtered column (no partition pruning or min/max skipping)</source>
        <translation>Fonction ou conversion sur une colonne filtrée (ni élagage de partitions ni saut par min/max)</translation>
    </message>
    <message>
        <source>One shape run hundreds of times in a short window, each returning few rows</source>
        <translation>Une même forme exécutée des centaines de fois en peu de temps, chaque fois pour peu de lignes</translation>
    </message>
    <message>
        <source>Scan reading many splits unfiltered while a filter above it discards most rows</source>
        <translation>Lecture de nombreux splits sans filtre alors qu&apos;un filtre au-dessus écarte la plupart des lignes</translation>
    </message>
    <message>
        <source>Slow, frequent, unaccelerated query shape a reflection would serve</source>
        <translation>Forme de requête lente, fréquente et non accélérée qu&apos;une réflexion servirait</translation>
    </message>
    <message>
        <source>Reflection never chosen over the window (footprint and refresh cost as evidence)</source>
        <translation>Réflexion jamais choisie sur la période (empreinte et coût de rafraîchissement comme preuves)</translation>
    </message>
    <message>
        <source>Recent runs significantly slower than the fingerprint&apos;s baseline</source>
        <translation>Exécutions récentes nettement plus lentes que la référence de leur empreinte</translation>
    </message>
    <message>
        <source>Planner row estimate off by &gt; 10x on an operator taking &gt; 5% of the time (and &gt; 0.5 s)</source>
        <translation>Estimation de lignes du planificateur fausse de plus de 10× sur un opérateur prenant plus de 5&#xa0;% du temps (et plus de 0,5&#xa0;s)</translation>
    </message>
    <message>
        <source>SELECT * over a scan reading many bytes</source>
        <translation>SELECT * sur une lecture de nombreux octets</translation>
    </message>
    <message>
        <source>Many files far under the target file size (scanned or written)</source>
        <translation>Nombreux fichiers bien plus petits que la taille cible (lus ou écrits)</translation>
    </message>
    <message>
        <source>NOT IN over a subquery, correlated IN or scalar subqueries that a rewrite serves better</source>
        <translation>NOT IN sur une sous-requête, IN corrélé ou sous-requêtes scalaires qu&apos;une réécriture sert mieux</translation>
    </message>
    <message>
        <source>No exact rewrite: %1.</source>
        <translation>Pas de réécriture exacte&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Operator whose work falls on a few threads (&gt; 3 threads, &gt; 1 s, &gt; 75% of threads below average, slowest &gt;= 1.5x average)</source>
        <translation>Opérateur dont le travail repose sur quelques threads (plus de 3 threads, plus de 1&#xa0;s, plus de 75&#xa0;% des threads sous la moyenne, le plus lent à 1,5× la moyenne ou plus)</translation>
    </message>
    <message>
        <source>Large result without LIMIT</source>
        <translation>Résultat volumineux sans LIMIT</translation>
    </message>
    <message>
        <source>the statement is not one SELECT (a WITH, a set operation or unbalanced parentheses)</source>
        <translation>l&apos;instruction n&apos;est pas un seul SELECT (un WITH, une opération ensembliste ou des parenthèses déséquilibrées)</translation>
    </message>
    <message>
        <source>the outer query groups, limits, combines or locks its rows, which would need the joined value</source>
        <translation>la requête externe groupe, limite, combine ou verrouille ses lignes, ce qui demanderait la valeur jointe</translation>
    </message>
    <message>
        <source>the outer query uses DISTINCT ON</source>
        <translation>la requête externe utilise DISTINCT ON</translation>
    </message>
    <message>
        <source>the outer FROM uses commas, NATURAL or LATERAL joins, a table function or an unnamed derived table, where the added LEFT JOIN could bind to the wrong side</source>
        <translation>le FROM externe utilise des virgules, des jointures NATURAL ou LATERAL, une fonction de table ou une table dérivée sans nom, où le LEFT JOIN ajouté pourrait se lier au mauvais côté</translation>
    </message>
    <message>
        <source>the outer query selects *, which would also return the joined table&apos;s columns</source>
        <translation>la requête externe sélectionne *, qui renverrait aussi les colonnes de la table jointe</translation>
    </message>
    <message>
        <source>the subquery&apos;s value is not one aggregate (SUM, MIN, MAX, AVG or COUNT) among constants: it may return several rows, which a join would multiply</source>
        <translation>la valeur de la sous-requête n&apos;est pas un seul agrégat (SUM, MIN, MAX, AVG ou COUNT) parmi des constantes&#xa0;: elle peut renvoyer plusieurs lignes, qu&apos;une jointure multiplierait</translation>
    </message>
    <message>
        <source>the subquery holds another subquery, a window, LATERAL or a random value</source>
        <translation>la sous-requête contient une autre sous-requête, une fenêtre, LATERAL ou une valeur aléatoire</translation>
    </message>
    <message>
        <source>the subquery groups, orders, limits or combines rows, or reads more than one table</source>
        <translation>la sous-requête groupe, trie, limite ou combine des lignes, ou lit plus d&apos;une table</translation>
    </message>
    <message>
        <source>the subquery is not correlated by equalities with a table of the outer FROM</source>
        <translation>la sous-requête n&apos;est pas corrélée par des égalités avec une table du FROM externe</translation>
    </message>
    <message>
        <source>the subquery&apos;s WHERE has a top-level OR</source>
        <translation>le WHERE de la sous-requête a un OR au premier niveau</translation>
    </message>
    <message>
        <source>a correlation names a table that the outer FROM does not have exactly once</source>
        <translation>une corrélation nomme une table que le FROM externe n&apos;a pas exactement une fois</translation>
    </message>
    <message>
        <source>the subquery refers to another table&apos;s column outside an equality with its own column or a condition on outer columns only (a grouped join cannot express it)</source>
        <translation>la sous-requête fait référence à la colonne d&apos;une autre table hors d&apos;une égalité avec sa propre colonne ou d&apos;une condition sur les seules colonnes externes (une jointure groupée ne peut pas l&apos;exprimer)</translation>
    </message>
    <message>
        <source>the subquery&apos;s table has the same name as a table of the outer query</source>
        <translation>la table de la sous-requête porte le même nom qu&apos;une table de la requête externe</translation>
    </message>
    <message>
        <source>a name of the statement could bind to a column of the joined table</source>
        <translation>un nom de l&apos;instruction pourrait se lier à une colonne de la table jointe</translation>
    </message>
    <message>
        <source>the subquery has no alias and the engine&apos;s name for its column cannot be kept (unknown engine, or a t.* before it in Dremio)</source>
        <translation>la sous-requête n&apos;a pas d&apos;alias et le nom que le moteur donne à sa colonne ne peut pas être conservé (moteur inconnu, ou un t.* avant elle dans Dremio)</translation>
    </message>
</context>
<context>
    <name>dopt::ApplyMeasureDialog</name>
    <message>
        <source>Cancelled: %1</source>
        <translation>Annulé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
    <message>
        <source>Invalid: the rewrite returns different results (%1)</source>
        <translation>Non valide&#xa0;: la réécriture renvoie des résultats différents (%1)</translation>
    </message>
    <message>
        <source>No verdict: %1</source>
        <translation>Pas de verdict&#xa0;: %1</translation>
    </message>
    <message>
        <source>Improved</source>
        <translation>Amélioré</translation>
    </message>
    <message>
        <source>Regressed</source>
        <translation>Dégradé</translation>
    </message>
    <message>
        <source>No change beyond the noise</source>
        <translation>Aucun changement au-delà du bruit</translation>
    </message>
    <message>
        <source>Keep the change in place after measuring (keep or revert it afterwards)</source>
        <translation>Conserver la modification après la mesure (vous pourrez la garder ou l&apos;annuler ensuite)</translation>
    </message>
    <message>
        <source>I have read these statements; run them on the server</source>
        <translation>J&apos;ai lu ces instructions&#xa0;; les exécuter sur le serveur</translation>
    </message>
    <message>
        <source>&amp;Apply &amp;&amp; Measure</source>
        <translation>&amp;Appliquer et mesurer</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>A&amp;rrêter</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Conserver</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>Annuler la &amp;modification</translation>
    </message>
    <message>
        <source>Apply &amp; Measure: %1</source>
        <translation>Appliquer et mesurer&#xa0;: %1</translation>
    </message>
    <message>
        <source>postgresql://user@host:port/database; the password comes from the field below, PGPASSWORD or ~/.pgpass and is never stored</source>
        <translation>postgresql://utilisateur@hôte:port/base&#xa0;; le mot de passe provient du champ ci-dessous, de PGPASSWORD ou de ~/.pgpass et n&apos;est jamais enregistré</translation>
    </message>
    <message>
        <source>optional: PGPASSWORD or ~/.pgpass otherwise</source>
        <translation>facultatif&#xa0;: sinon PGPASSWORD ou ~/.pgpass</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Measured runs per side:</source>
        <translation>Exécutions mesurées par variante&#xa0;:</translation>
    </message>
    <message>
        <source>Warm-up runs per side:</source>
        <translation>Exécutions de préchauffage par variante&#xa0;:</translation>
    </message>
    <message>
        <source>Timeout per run:</source>
        <translation>Délai maximal par exécution&#xa0;:</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>Plans before / after</source>
        <translation>Plans avant / après</translation>
    </message>
    <message>
        <source>Statements that will run (nothing runs before you confirm):</source>
        <translation>Instructions qui seront exécutées (rien n&apos;est exécuté avant votre confirmation)&#xa0;:</translation>
    </message>
    <message>
        <source>Choose the PostgreSQL server to measure on</source>
        <translation>Choisissez le serveur PostgreSQL sur lequel mesurer</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Mesure en cours…</translation>
    </message>
    <message>
        <source>Stopping and undoing the change…</source>
        <translation>Arrêt et annulation de la modification…</translation>
    </message>
    <message>
        <source>The change is in place on the server: keep it or revert it.</source>
        <translation>La modification est en place sur le serveur&#xa0;: conservez-la ou annulez-la.</translation>
    </message>
    <message>
        <source>The server is as it was before (the change was undone).</source>
        <translation>Le serveur est revenu à son état initial (la modification a été annulée).</translation>
    </message>
    <message>
        <source>Kept.</source>
        <translation>Conservée.</translation>
    </message>
    <message>
        <source>Cannot record the decision: %1</source>
        <translation>Impossible d&apos;enregistrer la décision&#xa0;: %1</translation>
    </message>
    <message>
        <source>Reverting…</source>
        <translation>Annulation de la modification…</translation>
    </message>
    <message>
        <source>Reverted: the undo statements ran.</source>
        <translation>Modification annulée&#xa0;: les instructions d&apos;annulation ont été exécutées.</translation>
    </message>
    <message>
        <source>Revert failed: %1</source>
        <translation>Échec de l&apos;annulation de la modification&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not used: %1</source>
        <translation>Non utilisée&#xa0;: %1</translation>
    </message>
    <message>
        <source>a SELECT the reflection served, timed with and without it</source>
        <translation>un SELECT que la réflexion a servi, chronométré avec et sans elle</translation>
    </message>
    <message>
        <source>A saved Dremio connection, or the URL of a Dremio (https://host:9047)</source>
        <translation>Une connexion Dremio enregistrée, ou l’URL d’un Dremio (https://hote:9047)</translation>
    </message>
    <message>
        <source>optional: the connection&apos;s keychain entry or environment variable otherwise</source>
        <translation>facultatif&#xa0;: sinon l’entrée du trousseau de la connexion ou sa variable d’environnement</translation>
    </message>
    <message>
        <source>Dremio:</source>
        <translation>Dremio&#xa0;:</translation>
    </message>
    <message>
        <source>Token or password:</source>
        <translation>Jeton ou mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Query to measure:</source>
        <translation>Requête à mesurer&#xa0;:</translation>
    </message>
    <message>
        <source>Choose the Dremio connection to measure on</source>
        <translation>Choisissez la connexion Dremio sur laquelle mesurer</translation>
    </message>
    <message>
        <source>Reading the Dremio credentials…</source>
        <translation>Lecture des identifiants Dremio…</translation>
    </message>
    <message>
        <source>No Dremio credentials: %1</source>
        <translation>Aucun identifiant Dremio&#xa0;: %1</translation>
    </message>
    <message>
        <source>Looking for a query this reflection served…</source>
        <translation>Recherche d’une requête servie par cette réflexion…</translation>
    </message>
    <message>
        <source>No job of this workspace had this reflection chosen or matched: type a query it served.</source>
        <translation>Aucun job de cet espace de travail n’a eu cette réflexion choisie ou appariée&#xa0;: saisissez une requête qu’elle a servie.</translation>
    </message>
    <message>
        <source>Cannot look for a query: %1</source>
        <translation>Impossible de rechercher une requête&#xa0;: %1</translation>
    </message>
    <message>
        <source>From the workspace: job %1, the reflection %2 in %3 runs of this statement, the last on %4 UTC. Edit it to measure another query.</source>
        <translation>Depuis l’espace de travail&#xa0;: job %1, réflexion %2 dans %3 exécutions de cette instruction, la dernière le %4 UTC. Modifiez-la pour mesurer une autre requête.</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>choisie</translation>
    </message>
    <message>
        <source>matched but not chosen</source>
        <translation>appariée mais non choisie</translation>
    </message>
    <message>
        <source>median %1 → %2, speedup %3 (95% interval %4–%5), p = %6</source>
        <translation>médiane %1 → %2, accélération %3 (intervalle à 95&#xa0;% %4–%5), p = %6</translation>
    </message>
    <message>
        <source>Predicted saving %1, measured %2.</source>
        <translation>Gain prévu %1, mesuré %2.</translation>
    </message>
    <message>
        <source>Measured query</source>
        <translation>Requête mesurée</translation>
    </message>
</context>
<context>
    <name>dopt::ColumnChooser</name>
    <message>
        <source>Show all columns</source>
        <translation>Afficher toutes les colonnes</translation>
    </message>
</context>
<context>
    <name>dopt::CoreTexts</name>
    <message>
        <source>low</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <source>high</source>
        <translation>élevée</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critique</translation>
    </message>
    <message>
        <source>join fan-out</source>
        <translation>jointure multiplicatrice</translation>
    </message>
    <message>
        <source>small files</source>
        <translation>petits fichiers</translation>
    </message>
    <message>
        <source>SELECT *</source>
        <translation>SELECT *</translation>
    </message>
    <message>
        <source>thread skew</source>
        <translation>déséquilibre des threads</translation>
    </message>
    <message>
        <source>nested-loop join</source>
        <translation>jointure en boucles imbriquées</translation>
    </message>
    <message>
        <source>missing reflection</source>
        <translation>réflexion manquante</translation>
    </message>
    <message>
        <source>row estimate off</source>
        <translation>estimation de lignes erronée</translation>
    </message>
    <message>
        <source>unbounded result</source>
        <translation>résultat non borné</translation>
    </message>
    <message>
        <source>partition pruning</source>
        <translation>élagage de partitions</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>régression</translation>
    </message>
    <message>
        <source>N+1 queries</source>
        <translation>requêtes N+1</translation>
    </message>
    <message>
        <source>memory spill</source>
        <translation>débordement mémoire</translation>
    </message>
    <message>
        <source>unused reflection</source>
        <translation>réflexion inutilisée</translation>
    </message>
    <message>
        <source>non-sargable filter</source>
        <translation>filtre non indexable</translation>
    </message>
    <message>
        <source>subquery rewrite</source>
        <translation>réécriture de sous-requête</translation>
    </message>
    <message>
        <source>missing index</source>
        <translation>index manquant</translation>
    </message>
    <message>
        <source>unused index</source>
        <translation>index inutilisé</translation>
    </message>
    <message>
        <source>improved</source>
        <translation>amélioré</translation>
    </message>
    <message>
        <source>regressed</source>
        <translation>dégradé</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>sans changement</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>invalide</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouverte</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>appliquée</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>conservée</translation>
    </message>
    <message>
        <source>reverted</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>écartée</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>non utilisée</translation>
    </message>
    <message>
        <source>actual rows</source>
        <translation>lignes réelles</translation>
    </message>
    <message>
        <source>average file size</source>
        <translation>taille moyenne des fichiers</translation>
    </message>
    <message>
        <source>baseline median</source>
        <translation>médiane de référence</translation>
    </message>
    <message>
        <source>baseline P95</source>
        <translation>P95 de référence</translation>
    </message>
    <message>
        <source>baseline runs</source>
        <translation>exécutions de référence</translation>
    </message>
    <message>
        <source>build-side rows</source>
        <translation>lignes côté construction</translation>
    </message>
    <message>
        <source>bytes per file</source>
        <translation>octets par fichier</translation>
    </message>
    <message>
        <source>bytes read</source>
        <translation>octets lus</translation>
    </message>
    <message>
        <source>bytes returned</source>
        <translation>octets renvoyés</translation>
    </message>
    <message>
        <source>bytes scanned</source>
        <translation>octets lus par les scans</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>appels</translation>
    </message>
    <message>
        <source>times chosen</source>
        <translation>fois choisie</translation>
    </message>
    <message>
        <source>times considered</source>
        <translation>fois envisagée</translation>
    </message>
    <message>
        <source>planner cost after</source>
        <translation>coût du planificateur après</translation>
    </message>
    <message>
        <source>planner cost before</source>
        <translation>coût du planificateur avant</translation>
    </message>
    <message>
        <source>dataset columns</source>
        <translation>colonnes du jeu de données</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>durée</translation>
    </message>
    <message>
        <source>PostgreSQL statement</source>
        <translation>instruction PostgreSQL</translation>
    </message>
    <message>
        <source>estimated rows</source>
        <translation>lignes estimées</translation>
    </message>
    <message>
        <source>fan-out</source>
        <translation>facteur de multiplication</translation>
    </message>
    <message>
        <source>files</source>
        <translation>fichiers</translation>
    </message>
    <message>
        <source>files after compaction</source>
        <translation>fichiers après compactage</translation>
    </message>
    <message>
        <source>files read</source>
        <translation>fichiers lus</translation>
    </message>
    <message>
        <source>files written</source>
        <translation>fichiers écrits</translation>
    </message>
    <message>
        <source>filter selectivity</source>
        <translation>sélectivité du filtre</translation>
    </message>
    <message>
        <source>footprint</source>
        <translation>empreinte</translation>
    </message>
    <message>
        <source>hash memory needed</source>
        <translation>mémoire de hachage nécessaire</translation>
    </message>
    <message>
        <source>index scans</source>
        <translation>lectures de l&apos;index</translation>
    </message>
    <message>
        <source>index size</source>
        <translation>taille de l&apos;index</translation>
    </message>
    <message>
        <source>jobs considered</source>
        <translation>jobs examinés</translation>
    </message>
    <message>
        <source>jobs in the window</source>
        <translation>jobs dans la fenêtre</translation>
    </message>
    <message>
        <source>jobs matched</source>
        <translation>jobs correspondants</translation>
    </message>
    <message>
        <source>jobs reading it</source>
        <translation>jobs qui la lisent</translation>
    </message>
    <message>
        <source>last refresh duration</source>
        <translation>durée du dernier rafraîchissement</translation>
    </message>
    <message>
        <source>left rows</source>
        <translation>lignes de gauche</translation>
    </message>
    <message>
        <source>median duration</source>
        <translation>durée médiane</translation>
    </message>
    <message>
        <source>median ratio</source>
        <translation>rapport des médianes</translation>
    </message>
    <message>
        <source>median rows returned</source>
        <translation>lignes renvoyées (médiane)</translation>
    </message>
    <message>
        <source>operators that spilled</source>
        <translation>opérateurs ayant débordé</translation>
    </message>
    <message>
        <source>output rows</source>
        <translation>lignes en sortie</translation>
    </message>
    <message>
        <source>P95 ratio</source>
        <translation>rapport des P95</translation>
    </message>
    <message>
        <source>p-value</source>
        <translation>valeur p</translation>
    </message>
    <message>
        <source>partition skew</source>
        <translation>déséquilibre des partitions</translation>
    </message>
    <message>
        <source>partitions scanned</source>
        <translation>partitions lues</translation>
    </message>
    <message>
        <source>partitions in the table</source>
        <translation>partitions de la table</translation>
    </message>
    <message>
        <source>partitions with matching rows</source>
        <translation>partitions avec des lignes correspondantes</translation>
    </message>
    <message>
        <source>peak memory</source>
        <translation>pic de mémoire</translation>
    </message>
    <message>
        <source>predicates</source>
        <translation>prédicats</translation>
    </message>
    <message>
        <source>probe-side rows</source>
        <translation>lignes côté sonde</translation>
    </message>
    <message>
        <source>processing time</source>
        <translation>temps de traitement</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>rapport</translation>
    </message>
    <message>
        <source>recent median</source>
        <translation>médiane récente</translation>
    </message>
    <message>
        <source>recent P95</source>
        <translation>P95 récent</translation>
    </message>
    <message>
        <source>recent runs</source>
        <translation>exécutions récentes</translation>
    </message>
    <message>
        <source>rows per partition</source>
        <translation>lignes par partition</translation>
    </message>
    <message>
        <source>right rows</source>
        <translation>lignes de droite</translation>
    </message>
    <message>
        <source>row pairs</source>
        <translation>paires de lignes</translation>
    </message>
    <message>
        <source>rows kept</source>
        <translation>lignes gardées</translation>
    </message>
    <message>
        <source>rows returned</source>
        <translation>lignes renvoyées</translation>
    </message>
    <message>
        <source>rows scanned</source>
        <translation>lignes lues</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>exécutions</translation>
    </message>
    <message>
        <source>runs in the window</source>
        <translation>exécutions dans la fenêtre</translation>
    </message>
    <message>
        <source>share of processing time</source>
        <translation>part du temps de traitement</translation>
    </message>
    <message>
        <source>share of the table&apos;s files read</source>
        <translation>part des fichiers de la table lus</translation>
    </message>
    <message>
        <source>since</source>
        <translation>depuis</translation>
    </message>
    <message>
        <source>sort memory needed</source>
        <translation>mémoire de tri nécessaire</translation>
    </message>
    <message>
        <source>spills</source>
        <translation>débordements</translation>
    </message>
    <message>
        <source>spilled</source>
        <translation>débordé</translation>
    </message>
    <message>
        <source>splits</source>
        <translation>splits</translation>
    </message>
    <message>
        <source>partitions pruned at execution</source>
        <translation>partitions élaguées à l&apos;exécution</translation>
    </message>
    <message>
        <source>table files</source>
        <translation>fichiers de la table</translation>
    </message>
    <message>
        <source>table partitions</source>
        <translation>partitions de la table</translation>
    </message>
    <message>
        <source>table rows</source>
        <translation>lignes de la table</translation>
    </message>
    <message>
        <source>rows written to the table</source>
        <translation>lignes écrites dans la table</translation>
    </message>
    <message>
        <source>rows per thread (average)</source>
        <translation>lignes par thread (moyenne)</translation>
    </message>
    <message>
        <source>rows per thread (max)</source>
        <translation>lignes par thread (max)</translation>
    </message>
    <message>
        <source>time per thread (average)</source>
        <translation>temps par thread (moyenne)</translation>
    </message>
    <message>
        <source>time per thread (max)</source>
        <translation>temps par thread (max)</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>threads</translation>
    </message>
    <message>
        <source>top user&apos;s share</source>
        <translation>part du premier utilisateur</translation>
    </message>
    <message>
        <source>window</source>
        <translation>fenêtre</translation>
    </message>
    <message>
        <source>current work_mem</source>
        <translation>work_mem actuel</translation>
    </message>
    <message>
        <source>recommended work_mem</source>
        <translation>work_mem recommandé</translation>
    </message>
    <message>
        <source>partitions read (estimate)</source>
        <translation>partitions lues (estimation)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échouée</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>you</source>
        <translation>vous</translation>
    </message>
    <message>
        <source>the program</source>
        <translation>le programme</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Pourquoi&#xa0;: %1</translation>
    </message>
    <message>
        <source>Job %1. Why: %2</source>
        <translation>Job %1. Pourquoi&#xa0;: %2</translation>
    </message>
    <message>
        <source>Query timed: not recorded (measured before the workspace stored it)</source>
        <translation>Requête chronométrée&#xa0;: non enregistrée (mesure antérieure à son enregistrement dans l’espace de travail)</translation>
    </message>
    <message>
        <source>investigate</source>
        <translation>analyser</translation>
    </message>
    <message>
        <source>rewrite the SQL</source>
        <translation>réécrire le SQL</translation>
    </message>
    <message>
        <source>create a reflection</source>
        <translation>créer une réflexion</translation>
    </message>
    <message>
        <source>drop a reflection</source>
        <translation>supprimer une réflexion</translation>
    </message>
    <message>
        <source>optimize the table</source>
        <translation>optimiser la table</translation>
    </message>
    <message>
        <source>filter on the partition</source>
        <translation>filtrer sur la partition</translation>
    </message>
    <message>
        <source>change a parameter</source>
        <translation>modifier un paramètre</translation>
    </message>
    <message>
        <source>create an index</source>
        <translation>créer un index</translation>
    </message>
    <message>
        <source>drop an index</source>
        <translation>supprimer un index</translation>
    </message>
    <message>
        <source>daily cycle</source>
        <translation>cycle journalier</translation>
    </message>
    <message>
        <source>hourly peak</source>
        <translation>pic horaire</translation>
    </message>
    <message>
        <source>weekly pattern</source>
        <translation>motif hebdomadaire</translation>
    </message>
    <message>
        <source>batch job</source>
        <translation>traitement par lots</translation>
    </message>
    <message>
        <source>COMPLETED</source>
        <translation>TERMINÉ</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>ÉCHOUÉ</translation>
    </message>
    <message>
        <source>CANCELED</source>
        <translation>ANNULÉ</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>EN COURS</translation>
    </message>
    <message>
        <source>ENQUEUED</source>
        <translation>EN FILE D&apos;ATTENTE</translation>
    </message>
    <message>
        <source>PLANNING</source>
        <translation>PLANIFICATION</translation>
    </message>
    <message>
        <source>PENDING</source>
        <translation>EN ATTENTE</translation>
    </message>
    <message>
        <source>METADATA_RETRIEVAL</source>
        <translation>LECTURE DES MÉTADONNÉES</translation>
    </message>
    <message>
        <source>QUEUED</source>
        <translation>EN FILE D&apos;ATTENTE</translation>
    </message>
    <message>
        <source>ENGINE_START</source>
        <translation>DÉMARRAGE DU MOTEUR</translation>
    </message>
    <message>
        <source>EXECUTION_PLANNING</source>
        <translation>PLANIFICATION DE L&apos;EXÉCUTION</translation>
    </message>
    <message>
        <source>STARTING</source>
        <translation>DÉMARRAGE</translation>
    </message>
    <message>
        <source>ridge regression</source>
        <translation>régression ridge</translation>
    </message>
    <message>
        <source>kernel ridge regression</source>
        <translation>régression ridge à noyau</translation>
    </message>
    <message>
        <source>random forest</source>
        <translation>forêt aléatoire</translation>
    </message>
    <message>
        <source>planner cost</source>
        <translation>coût du planificateur</translation>
    </message>
    <message>
        <source>table scans</source>
        <translation>lectures de table</translation>
    </message>
    <message>
        <source>joins</source>
        <translation>jointures</translation>
    </message>
    <message>
        <source>aggregations</source>
        <translation>agrégations</translation>
    </message>
    <message>
        <source>sorts</source>
        <translation>tris</translation>
    </message>
    <message>
        <source>splits read</source>
        <translation>fragments lus</translation>
    </message>
    <message>
        <source>reflections used</source>
        <translation>réflexions utilisées</translation>
    </message>
    <message>
        <source>concurrent jobs</source>
        <translation>jobs simultanés</translation>
    </message>
    <message>
        <source>hour of day</source>
        <translation>heure de la journée</translation>
    </message>
    <message>
        <source>day of week</source>
        <translation>jour de la semaine</translation>
    </message>
    <message>
        <source>profile stored</source>
        <translation>profil enregistré</translation>
    </message>
    <message>
        <source>past median of the query shape</source>
        <translation>médiane passée de la forme de requête</translation>
    </message>
    <message>
        <source>past runs of the query shape</source>
        <translation>exécutions passées de la forme</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>file d&apos;attente %1</translation>
    </message>
</context>
<context>
    <name>dopt::DashboardView</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation>Tous les jobs</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <source>Time range, counted back from the newest job in the workspace</source>
        <translation>Période, comptée à rebours depuis le job le plus récent de l&apos;espace de travail</translation>
    </message>
    <message>
        <source>The query shape whose P50/P95 trend is shown</source>
        <translation>La forme de requête dont l&apos;évolution P50/P95 est affichée</translation>
    </message>
    <message>
        <source>Save the dashboard as a PNG or SVG image</source>
        <translation>Enregistrer le tableau de bord comme image PNG ou SVG</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Période&#xa0;:</translation>
    </message>
    <message>
        <source>Query shape:</source>
        <translation>Forme de requête&#xa0;:</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul…</translation>
    </message>
    <message>
        <source>Dashboard not updated: %1</source>
        <translation>Tableau de bord non mis à jour&#xa0;: %1</translation>
    </message>
    <message>
        <source>No job in this range.</source>
        <translation>Aucun job sur cette période.</translation>
    </message>
    <message>
        <source>%1 jobs from %2 to %3</source>
        <translation>%1 jobs du %2 au %3</translation>
    </message>
    <message>
        <source>Savings measured so far: none yet.
Apply a recommendation and measure it to see what it saved.</source>
        <translation>Gains mesurés jusqu&apos;ici&#xa0;: aucun pour l&apos;instant.
Appliquez une recommandation et mesurez-la pour voir ce qu&apos;elle a fait gagner.</translation>
    </message>
    <message>
        <source>Savings measured so far
%1 changes measured: %2 improved, %3 unchanged, %4 regressed
Saved per run of the improved statements: %5</source>
        <translation>Gains mesurés jusqu&apos;ici
%1 modifications mesurées&#xa0;: %2 améliorées, %3 inchangées, %4 dégradées
Gain par exécution des instructions améliorées&#xa0;: %5</translation>
    </message>
    <message>
        <source>Jobs per hour</source>
        <translation>Jobs par heure</translation>
    </message>
    <message>
        <source>jobs</source>
        <translation>jobs</translation>
    </message>
    <message>
        <source>P50 / P95 duration of the selected query shape, per day</source>
        <translation>Durée P50 / P95 de la forme de requête sélectionnée, par jour</translation>
    </message>
    <message>
        <source>P50</source>
        <translation>P50</translation>
    </message>
    <message>
        <source>P95</source>
        <translation>P95</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>Top query shapes by total run time (Pareto)</source>
        <translation>Principales formes de requête par temps d&apos;exécution total (Pareto)</translation>
    </message>
    <message>
        <source>total hours</source>
        <translation>heures au total</translation>
    </message>
    <message>
        <source>cumulative share of all run time (%)</source>
        <translation>part cumulée du temps d&apos;exécution total (%)</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>heures</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Jobs accelerated by reflections</source>
        <translation>Jobs accélérés par des réflexions</translation>
    </message>
    <message>
        <source>%1: %2 jobs</source>
        <translation>%1&#xa0;: %2 jobs</translation>
    </message>
    <message>
        <source>Findings by detector</source>
        <translation>Constats par détecteur</translation>
    </message>
    <message>
        <source>findings</source>
        <translation>constats</translation>
    </message>
    <message>
        <source>%1: %2 findings over %3 jobs, estimated saving %4</source>
        <translation>%1&#xa0;: %2 constats sur %3 jobs, gain estimé %4</translation>
    </message>
    <message>
        <source>Dremio Optimizer dashboard</source>
        <translation>Tableau de bord Dremio Optimizer</translation>
    </message>
    <message>
        <source>%1: cannot write the SVG file</source>
        <translation>%1&#xa0;: impossible d&apos;écrire le fichier SVG</translation>
    </message>
    <message>
        <source>%1: choose a .png or .svg file</source>
        <translation>%1&#xa0;: choisissez un fichier .png ou .svg</translation>
    </message>
    <message>
        <source>%1: cannot write the PNG file</source>
        <translation>%1&#xa0;: impossible d&apos;écrire le fichier PNG</translation>
    </message>
    <message>
        <source>Export Dashboard</source>
        <translation>Exporter le tableau de bord</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>Image PNG (*.png);;Dessin SVG (*.svg)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln job(s)</source>
        <translation>
            <numerusform>%1&#xa0;: %Ln job</numerusform>
            <numerusform>%1&#xa0;: %Ln jobs</numerusform>
        </translation>
    </message>
    <message>
        <source>regression since %1 (median %2)</source>
        <translation>régression depuis %1 (médiane %2)</translation>
    </message>
    <message numerus="yes">
        <source>%1: P50 %2, P95 %3, %Ln run(s)</source>
        <translation>
            <numerusform>%1&#xa0;: P50 %2, P95 %3, %Ln exécution</numerusform>
            <numerusform>%1&#xa0;: P50 %2, P95 %3, %Ln exécutions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>#%1 %2
Total %3 over %Ln run(s); shapes #1–#%1 take %4 of all run time</source>
        <translation>
            <numerusform>#%1 %2
Total %3 sur %Ln exécution&#xa0;; les formes #1 à #%1 représentent %4 du temps d&apos;exécution total</numerusform>
            <numerusform>#%1 %2
Total %3 sur %Ln exécutions&#xa0;; les formes #1 à #%1 représentent %4 du temps d&apos;exécution total</numerusform>
        </translation>
    </message>
    <message>
        <source>accelerated %1</source>
        <translation>accélérés %1</translation>
    </message>
    <message>
        <source>not accelerated %1</source>
        <translation>non accélérés %1</translation>
    </message>
    <message numerus="yes">
        <source>P50 (= P95 on %Ln day(s) with one run)</source>
        <translation>
            <numerusform>P50 (= P95 sur %Ln jour avec une seule exécution)</numerusform>
            <numerusform>P50 (= P95 sur %Ln jours avec une seule exécution)</numerusform>
        </translation>
    </message>
    <message>
        <source>hour (UTC)</source>
        <translation>heure (UTC)</translation>
    </message>
    <message>
        <source>day (UTC)</source>
        <translation>jour (UTC)</translation>
    </message>
</context>
<context>
    <name>dopt::DemoWorkspaceBuilder</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Impossible de créer le dossier %1</translation>
    </message>
    <message>
        <source>Cannot move the demo workspace to %1</source>
        <translation>Impossible de déplacer l&apos;espace de travail de démonstration vers %1</translation>
    </message>
</context>
<context>
    <name>dopt::DisplayFormat</name>
    <message>
        <source>%1 ms</source>
        <translation>%1&#xa0;ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1&#xa0;s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1&#xa0;min %2&#xa0;s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1&#xa0;h %2&#xa0;min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1&#xa0;j %2&#xa0;h</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1&#xa0;ns</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1&#xa0;µs</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1&#xa0;octets</translation>
    </message>
    <message>
        <source>%1%</source>
        <comment>a percentage</comment>
        <translation>%1&#x202f;%</translation>
    </message>
</context>
<context>
    <name>dopt::DremioConnectionsDialog</name>
    <message>
        <source>Dremio connections</source>
        <translation>Connexions Dremio</translation>
    </message>
    <message>
        <source>https://dremio.example.com:9047 or https://api.dremio.cloud</source>
        <translation>https://dremio.example.com:9047 ou https://api.dremio.cloud</translation>
    </message>
    <message>
        <source>Dremio Cloud only</source>
        <translation>Dremio Cloud uniquement</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Jeton d&apos;accès personnel</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Nom d&apos;utilisateur et mot de passe</translation>
    </message>
    <message>
        <source>optional PEM file, trusted in addition to the system certificates</source>
        <translation>fichier PEM facultatif, approuvé en plus des certificats du système</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>Certificats d&apos;autorité de certification</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>Certificats PEM (*.pem *.crt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Profiles downloaded per collect run: slowest, most expensive, failed and regressed jobs</source>
        <translation>Profils téléchargés à chaque collecte&#xa0;: jobs les plus lents, les plus coûteux, en échec et en régression</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>URL du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Cloud project id:</source>
        <translation>ID du projet Cloud&#xa0;:</translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation>Authentification&#xa0;:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Nom d&apos;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Token or password:</source>
        <translation>Jeton ou mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Extra CA file:</source>
        <translation>Fichier CA supplémentaire&#xa0;:</translation>
    </message>
    <message>
        <source>Profiles per run:</source>
        <translation>Profils par collecte&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nouvelle</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Collect now</source>
        <translation>&amp;Collecter maintenant</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Aucun espace de travail n&apos;est ouvert.</translation>
    </message>
    <message>
        <source>Cannot read the saved connections: %1</source>
        <translation>Impossible de lire les connexions enregistrées&#xa0;: %1</translation>
    </message>
    <message>
        <source>never collected</source>
        <translation>jamais collectée</translation>
    </message>
    <message>
        <source>last collected %1</source>
        <translation>dernière collecte %1</translation>
    </message>
    <message>
        <source>The secret is kept in the system keychain; leave the field empty to use it.</source>
        <translation>Le secret est conservé dans le trousseau du système&#xa0;; laissez le champ vide pour l&apos;utiliser.</translation>
    </message>
    <message>
        <source>The secret is read from the environment variable %1; leave the field empty to use it.</source>
        <translation>Le secret est lu dans la variable d&apos;environnement %1&#xa0;; laissez le champ vide pour l&apos;utiliser.</translation>
    </message>
    <message>
        <source>password</source>
        <translation>mot de passe</translation>
    </message>
    <message>
        <source>personal access token</source>
        <translation>jeton d&apos;accès personnel</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Cannot test: %1</source>
        <translation>Impossible de tester&#xa0;: %1</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Échec de la connexion&#xa0;: %1</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Test de %1…</translation>
    </message>
    <message>
        <source>Cannot save: %1</source>
        <translation>Impossible d&apos;enregistrer&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot save the connection: %1</source>
        <translation>Impossible d&apos;enregistrer la connexion&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>Saved; %1.</source>
        <translation>Enregistré&#xa0;; %1.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Cannot collect: %1</source>
        <translation>Impossible de collecter&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>Collected %n new job(s), %1 history row(s), %2 profile(s), %3 reflection(s) in %4 s.</source>
        <translation>
            <numerusform>Collecte terminée en %4 s&#xa0;: %n nouveau job, lignes d&apos;historique&#xa0;: %1, profils&#xa0;: %2, réflexions&#xa0;: %3.</numerusform>
            <numerusform>Collecte terminée en %4 s&#xa0;: %n nouveaux jobs, lignes d&apos;historique&#xa0;: %1, profils&#xa0;: %2, réflexions&#xa0;: %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Collect cancelled; %n new job(s) kept.</source>
        <translation>
            <numerusform>Collecte annulée&#xa0;; %n nouveau job conservé.</numerusform>
            <numerusform>Collecte annulée&#xa0;; %n nouveaux jobs conservés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Collect failed: %1 (%n new job(s) kept).</source>
        <translation>
            <numerusform>Échec de la collecte&#xa0;: %1 (%n nouveau job conservé).</numerusform>
            <numerusform>Échec de la collecte&#xa0;: %1 (%n nouveaux jobs conservés).</numerusform>
        </translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>Avertissements&#xa0;: %1</translation>
    </message>
    <message>
        <source>Collect failed: %1</source>
        <translation>Échec de la collecte&#xa0;: %1</translation>
    </message>
    <message>
        <source>Collecting from %1…</source>
        <translation>Collecte depuis %1…</translation>
    </message>
</context>
<context>
    <name>dopt::FirstRunDialog</name>
    <message>
        <source>Welcome to Dremio Optimizer</source>
        <translation>Bienvenue dans Dremio Optimizer</translation>
    </message>
    <message>
        <source>Dremio Optimizer keeps the jobs and profiles it analyses in a &lt;i&gt;workspace&lt;/i&gt; (a local SQLite file or a PostgreSQL database). How do you want to start?</source>
        <translation>Dremio Optimizer conserve les jobs et les profils qu&apos;il analyse dans un &lt;i&gt;espace de travail&lt;/i&gt; (un fichier SQLite local ou une base de données PostgreSQL). Comment voulez-vous commencer&#xa0;?</translation>
    </message>
    <message>
        <source>Explore the demo workspace</source>
        <translation>Explorer l&apos;espace de travail de démonstration</translation>
    </message>
    <message>
        <source>Generated synthetic Dremio jobs and profiles, clearly marked as demo data.</source>
        <translation>Des jobs et profils Dremio synthétiques, générés et clairement signalés comme données de démonstration.</translation>
    </message>
    <message>
        <source>Open an existing workspace…</source>
        <translation>Ouvrir un espace de travail existant…</translation>
    </message>
    <message>
        <source>A workspace file created earlier.</source>
        <translation>Un fichier d’espace de travail créé auparavant.</translation>
    </message>
    <message>
        <source>Create an empty workspace…</source>
        <translation>Créer un espace de travail vide…</translation>
    </message>
    <message>
        <source>Then import your own Dremio profiles, query logs or job history, or PostgreSQL server logs and EXPLAIN plans.</source>
        <translation>Importez ensuite vos propres profils Dremio, journaux de requêtes ou historiques de jobs, ou des journaux de serveur et des plans EXPLAIN PostgreSQL.</translation>
    </message>
</context>
<context>
    <name>dopt::HeatmapWidget</name>
    <message>
        <source>Jobs by weekday and hour (UTC)</source>
        <translation>Jobs par jour de la semaine et par heure (UTC)</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2:00–%3:59 UTC: %Ln job(s)</source>
        <translation>
            <numerusform>%1 de %2 h 00 à %3 h 59 UTC&#xa0;: %Ln job</numerusform>
            <numerusform>%1 de %2 h 00 à %3 h 59 UTC&#xa0;: %Ln jobs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopt::ImportController</name>
    <message>
        <source>An import is already running</source>
        <translation>Une importation est déjà en cours</translation>
    </message>
    <message>
        <source>No workspace is open: open or create one before importing</source>
        <translation>Aucun espace de travail n&apos;est ouvert&#xa0;: ouvrez-en ou créez-en un avant d&apos;importer</translation>
    </message>
    <message>
        <source>Nothing to import</source>
        <translation>Rien à importer</translation>
    </message>
</context>
<context>
    <name>dopt::ImportProgressWidget</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop the import after the current file</source>
        <translation>Arrêter l&apos;importation après le fichier en cours</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importation…</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Importation de %1</translation>
    </message>
</context>
<context>
    <name>dopt::ImportSummaryDialog</name>
    <message>
        <source>Import finished with failures</source>
        <translation>Importation terminée avec des échecs</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Importation terminée</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Files: %1 · jobs: %2 · profiles: %3</source>
        <translation>Fichiers&#xa0;: %1 · jobs&#xa0;: %2 · profils&#xa0;: %3</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>en échec&#xa0;: %1</translation>
    </message>
    <message>
        <source>(cancelled before the end)</source>
        <translation>(annulée avant la fin)</translation>
    </message>
</context>
<context>
    <name>dopt::JobDatasetsView</name>
    <message>
        <source>Dataset</source>
        <translation>Jeu de données</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>Partitions</translation>
    </message>
    <message>
        <source>No job selected.</source>
        <translation>Aucun job sélectionné.</translation>
    </message>
    <message>
        <source>The job names no dataset.</source>
        <translation>Le job ne cite aucun jeu de données.</translation>
    </message>
    <message>
        <source>Reading the datasets…</source>
        <translation>Lecture des jeux de données…</translation>
    </message>
    <message>
        <source>The datasets could not be read: %1</source>
        <translation>Les jeux de données n’ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>gone from the catalog</source>
        <translation>disparu du catalogue</translation>
    </message>
    <message>
        <source>view</source>
        <translation>vue</translation>
    </message>
    <message>
        <source>table</source>
        <translation>table</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 par %2</translation>
    </message>
    <message>
        <source>not partitioned</source>
        <translation>non partitionnée</translation>
    </message>
    <message numerus="yes">
        <source>%n dataset(s); no catalog entries collected for them (collect from a live Dremio).</source>
        <translation>
            <numerusform>%n jeu de données ; aucune entrée de catalogue collectée (collectez depuis un Dremio en service).</numerusform>
            <numerusform>%n jeux de données ; aucune entrée de catalogue collectée (collectez depuis un Dremio en service).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dataset(s) read by this job.</source>
        <translation>
            <numerusform>%n jeu de données lu par ce job.</numerusform>
            <numerusform>%n jeux de données lus par ce job.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 records in %2 files; largest partition %3 with %4 records (%5 the mean)</source>
        <translation>%1 enregistrements dans %2 fichiers ; plus grande partition %3 avec %4 enregistrements (%5 la moyenne)</translation>
    </message>
</context>
<context>
    <name>dopt::JobDetailView</name>
    <message>
        <source>No job selected.</source>
        <translation>Aucun job sélectionné.</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>par %1</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>file d&apos;attente %1</translation>
    </message>
    <message>
        <source>accelerated</source>
        <translation>accéléré</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Erreur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Predicted %1 (80% interval %2 – %3) by model %4 (%5)</source>
        <translation>Prévu %1 (intervalle à 80&#xa0;% %2 – %3) par le modèle %4 (%5)</translation>
    </message>
    <message>
        <source>; actual/predicted %1</source>
        <translation>&#xa0;; réel/prévu %1</translation>
    </message>
</context>
<context>
    <name>dopt::JobFilterBar</name>
    <message>
        <source>Filter by SQL text, job id or user…</source>
        <translation>Filtrer par texte SQL, identifiant de job ou utilisateur…</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>É&amp;tat&#xa0;:</translation>
    </message>
</context>
<context>
    <name>dopt::JobFindingsView</name>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>Détecteur</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <source>Est. saving</source>
        <translation>Gain estimé</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <source>No job selected.</source>
        <translation>Aucun job sélectionné.</translation>
    </message>
    <message>
        <source>Reading findings…</source>
        <translation>Lecture des constats…</translation>
    </message>
    <message>
        <source>The findings could not be read: %1</source>
        <translation>Les constats n&apos;ont pas pu être lus&#xa0;: %1</translation>
    </message>
    <message>
        <source>No findings for this query shape (run Analysis → Analyze Workspace after importing).</source>
        <translation>Aucun constat pour cette forme de requête (lancez Analyse → Analyser l&apos;espace de travail après l&apos;importation).</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) for this query shape; operators they point at are marked in the tree.</source>
        <translation>
            <numerusform>%n constat pour cette forme de requête&#xa0;; l&apos;opérateur concerné est marqué dans l&apos;arbre.</numerusform>
            <numerusform>%n constats pour cette forme de requête&#xa0;; les opérateurs concernés sont marqués dans l&apos;arbre.</numerusform>
        </translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Éléments probants&#xa0;:</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Que faire&#xa0;:</translation>
    </message>
    <message>
        <source>Example jobs: %1</source>
        <translation>Exemples de jobs&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>Severity %1 · confidence %2 · seen in %Ln job(s) of this shape</source>
        <translation>
            <numerusform>Gravité %1 · confiance %2 · vu dans %Ln job de cette forme</numerusform>
            <numerusform>Gravité %1 · confiance %2 · vu dans %Ln jobs de cette forme</numerusform>
        </translation>
    </message>
    <message>
        <source>Estimated saving: %1 (%2 of the job&apos;s time)</source>
        <translation>Gain estimé&#xa0;: %1 (%2 du temps du job)</translation>
    </message>
</context>
<context>
    <name>dopt::JobTableModel</name>
    <message>
        <source>(failed to load)</source>
        <translation>(échec du chargement)</translation>
    </message>
    <message>
        <source>%1 (%2, attempt %3)</source>
        <translation>%1 (%2, tentative %3)</translation>
    </message>
    <message>
        <source>Accelerated by a reflection</source>
        <translation>Accéléré par une réflexion</translation>
    </message>
    <message>
        <source>Not accelerated</source>
        <translation>Non accéléré</translation>
    </message>
    <message>
        <source>Job ID</source>
        <translation>ID du job</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Soumis</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Rows scanned</source>
        <translation>Lignes lues</translation>
    </message>
    <message>
        <source>Bytes scanned</source>
        <translation>Octets lus</translation>
    </message>
    <message>
        <source>Rows returned</source>
        <translation>Lignes renvoyées</translation>
    </message>
    <message>
        <source>Accelerated</source>
        <translation>Accéléré</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>File d&apos;attente</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>No prediction stored: train a model or use Predict all on the Models page</source>
        <translation>Aucune prévision enregistrée&#xa0;: entraînez un modèle ou utilisez « Prévoir tous les jobs » sur la page Modèles</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervalle</translation>
    </message>
    <message>
        <source>Actual/Predicted</source>
        <translation>Réel/prévu</translation>
    </message>
    <message>
        <source>The active model&apos;s 80% interval; sorting orders by its width (least certain first when descending)</source>
        <translation>Intervalle à 80 % du modèle actif ; le tri se fait sur sa largeur (les moins sûres d&apos;abord en ordre décroissant)</translation>
    </message>
    <message>
        <source>Predicted %1, 80% interval %2 – %3, by model %4 (%5)</source>
        <translation>Prévu %1, intervalle à 80&#xa0;% %2 – %3, par le modèle %4 (%5)</translation>
    </message>
</context>
<context>
    <name>dopt::MainWindow</name>
    <message>
        <source>DEMO DATA</source>
        <translation>DONNÉES DE DÉMONSTRATION</translation>
    </message>
    <message>
        <source>Dremio Optimizer</source>
        <translation>Dremio Optimizer</translation>
    </message>
    <message>
        <source>Loading jobs failed: %1</source>
        <translation>Échec du chargement des jobs&#xa0;: %1</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Échec de l&apos;importation</translation>
    </message>
    <message>
        <source>Cannot open the demo workspace</source>
        <translation>Impossible d&apos;ouvrir l&apos;espace de travail de démonstration</translation>
    </message>
    <message>
        <source>Cannot create the demo workspace</source>
        <translation>Impossible de créer l&apos;espace de travail de démonstration</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>&amp;Ouvrir un espace de travail…</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Nouvel espace de travail…</translation>
    </message>
    <message>
        <source>&amp;Import Files…</source>
        <translation>&amp;Importer des fichiers…</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>Importer un &amp;répertoire…</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>Ouvrir l&apos;espace de &amp;démonstration</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Colonnes</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;About Dremio Optimizer</source>
        <translation>À &amp;propos de Dremio Optimizer</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>The jobs in this workspace were generated by the demo generator: they are not measurements of a real Dremio cluster.</source>
        <translation>Les jobs de cet espace de travail ont été produits par le générateur de démonstration&#xa0;: ce ne sont pas des mesures d&apos;un vrai cluster Dremio.</translation>
    </message>
    <message>
        <source>Wait for the running import to finish before switching workspaces</source>
        <translation>Attendez la fin de l&apos;importation en cours avant de changer d&apos;espace de travail</translation>
    </message>
    <message>
        <source>%1 — Dremio Optimizer</source>
        <translation>%1 — Dremio Optimizer</translation>
    </message>
    <message>
        <source>No workspace</source>
        <translation>Aucun espace de travail</translation>
    </message>
    <message>
        <source>Counting jobs…</source>
        <translation>Décompte des jobs…</translation>
    </message>
    <message>
        <source>%1 of %2 jobs</source>
        <translation>%1 jobs sur %2</translation>
    </message>
    <message>
        <source>%1 jobs</source>
        <translation>%1 jobs</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>Impossible d&apos;importer</translation>
    </message>
    <message>
        <source>Cannot open the workspace</source>
        <translation>Impossible d&apos;ouvrir l&apos;espace de travail</translation>
    </message>
    <message>
        <source>The last workspace could not be opened: %1</source>
        <translation>Le dernier espace de travail n&apos;a pas pu être ouvert&#xa0;: %1</translation>
    </message>
    <message>
        <source>Generating the demo workspace…</source>
        <translation>Génération de l&apos;espace de travail de démonstration…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Ouvrir un espace de travail</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 n&apos;existe pas</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>Nouvel espace de travail</translation>
    </message>
    <message>
        <source>Cannot create the workspace</source>
        <translation>Impossible de créer l&apos;espace de travail</translation>
    </message>
    <message>
        <source>About Dremio Optimizer</source>
        <translation>À propos de Dremio Optimizer</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Dremio Optimizer %1&lt;/h3&gt;&lt;p&gt;Finds why Dremio and PostgreSQL queries are slow.&lt;/p&gt;&lt;p&gt;SQL highlighting: %2&lt;br&gt;Qt %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dremio Optimizer %1&lt;/h3&gt;&lt;p&gt;Trouve pourquoi les requêtes Dremio et PostgreSQL sont lentes.&lt;/p&gt;&lt;p&gt;Coloration SQL&#xa0;: %2&lt;br&gt;Qt %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Queries</source>
        <translation>&amp;Requêtes</translation>
    </message>
    <message>
        <source>&amp;Recommendations</source>
        <translation>Re&amp;commandations</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Tableau de bord</translation>
    </message>
    <message>
        <source>Analysis done: %1 jobs, %2 query shapes, %3 findings, %4 regressions</source>
        <translation>Analyse terminée&#xa0;: %1 jobs, %2 formes de requête, %3 constats, %4 régressions</translation>
    </message>
    <message>
        <source>Analysis stopped: %1</source>
        <translation>Analyse arrêtée&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>A&amp;nalyse</translation>
    </message>
    <message>
        <source>&amp;Analyze Workspace</source>
        <translation>&amp;Analyser l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Fingerprints, baselines, regressions and detectors over every job, in the background</source>
        <translation>Empreintes, références, régressions et détecteurs sur tous les jobs, en arrière-plan</translation>
    </message>
    <message>
        <source>&amp;Sources</source>
        <translation>&amp;Sources</translation>
    </message>
    <message>
        <source>&amp;Dremio Connections…</source>
        <translation>Connexions &amp;Dremio…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <source>Cannot analyze</source>
        <translation>Impossible d&apos;analyser</translation>
    </message>
    <message>
        <source>Dremio connections</source>
        <translation>Connexions Dremio</translation>
    </message>
    <message>
        <source>Open a workspace first: connections are saved in it.</source>
        <translation>Ouvrez d&apos;abord un espace de travail&#xa0;: les connexions y sont enregistrées.</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modèles</translation>
    </message>
    <message>
        <source>&amp;Workload</source>
        <translation>C&amp;harge de travail</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un espace ré&amp;cent</translation>
    </message>
    <message>
        <source>&amp;Find Jobs</source>
        <translation>&amp;Rechercher des jobs</translation>
    </message>
    <message>
        <source>Collect &amp;PostgreSQL Plans…</source>
        <translation>Collecter les plans &amp;PostgreSQL…</translation>
    </message>
    <message>
        <source>PostgreSQL plans</source>
        <translation>Plans PostgreSQL</translation>
    </message>
    <message>
        <source>Open a workspace first: the plans are stored in it.</source>
        <translation>Ouvrez d’abord un espace de travail&#xa0;: les plans y sont enregistrés.</translation>
    </message>
    <message>
        <source>%1+ of %2 jobs</source>
        <translation>%1+ jobs sur %2</translation>
    </message>
    <message>
        <source>%1+ jobs</source>
        <translation>%1+ jobs</translation>
    </message>
    <message>
        <source>Import Dremio Files, PostgreSQL Logs or EXPLAIN Plans</source>
        <translation>Importer des fichiers Dremio, des journaux PostgreSQL ou des plans EXPLAIN</translation>
    </message>
    <message>
        <source>Dremio files, PostgreSQL logs and EXPLAIN plans (*.json *.zip *.csv *.txt);;Dremio profiles, query logs and job history (*.json *.zip *.csv);;PostgreSQL server logs, csvlog or jsonlog (*.csv *.json);;PostgreSQL EXPLAIN plans, text or JSON (*.txt *.json);;All files (*)</source>
        <translation>Fichiers Dremio, journaux PostgreSQL et plans EXPLAIN (*.json *.zip *.csv *.txt);;Profils Dremio, journaux de requêtes et historiques de jobs (*.json *.zip *.csv);;Journaux de serveur PostgreSQL, csvlog ou jsonlog (*.csv *.json);;Plans EXPLAIN PostgreSQL, texte ou JSON (*.txt *.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import a Folder of Dremio Files, PostgreSQL Logs or EXPLAIN Plans</source>
        <translation>Importer un répertoire de fichiers Dremio, de journaux PostgreSQL ou de plans EXPLAIN</translation>
    </message>
</context>
<context>
    <name>dopt::MeasuredQueryView</name>
    <message>
        <source>Job:</source>
        <translation>Job&#xa0;:</translation>
    </message>
    <message>
        <source>Why this query:</source>
        <translation>Pourquoi cette requête&#xa0;:</translation>
    </message>
    <message>
        <source>Chosen by:</source>
        <translation>Choisie par&#xa0;:</translation>
    </message>
    <message>
        <source>The query the measurement timed appears here</source>
        <translation>La requête chronométrée par la mesure s’affiche ici</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>non enregistré</translation>
    </message>
    <message>
        <source>none known (no job of the workspace is tied to it)</source>
        <translation>aucun connu (aucun job de l’espace de travail n’y est lié)</translation>
    </message>
    <message>
        <source>Job: %1
Why this query: %2
Chosen by: %3</source>
        <translation>Job&#xa0;: %1
Pourquoi cette requête&#xa0;: %2
Choisie par&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>dopt::MeasurementChart</name>
    <message>
        <source>Run times</source>
        <translation>Temps d&apos;exécution</translation>
    </message>
    <message>
        <source>before</source>
        <translation>avant</translation>
    </message>
    <message>
        <source>after</source>
        <translation>après</translation>
    </message>
    <message>
        <source>warm-up</source>
        <translation>préchauffage</translation>
    </message>
    <message>
        <source>run</source>
        <translation>exécution</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Distribution of the timed runs (ms)</source>
        <translation>Distribution des exécutions chronométrées (ms)</translation>
    </message>
    <message>
        <source>before (%1 runs)</source>
        <translation>avant (%1 exécutions)</translation>
    </message>
    <message>
        <source>after (%1 runs)</source>
        <translation>après (%1 exécutions)</translation>
    </message>
</context>
<context>
    <name>dopt::ModelsView</name>
    <message>
        <source>&amp;Train model</source>
        <translation>&amp;Entraîner le modèle</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Training stopped: %1</source>
        <translation>Entraînement arrêté&#xa0;: %1</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Aucun espace de travail ouvert.</translation>
    </message>
    <message>
        <source>No run-time model: %1. Train one with the button above.</source>
        <translation>Aucun modèle de temps d&apos;exécution&#xa0;: %1. Entraînez-en un avec le bouton ci-dessus.</translation>
    </message>
    <message>
        <source>actual ms</source>
        <translation>réel (ms)</translation>
    </message>
    <message>
        <source>predicted ms</source>
        <translation>prédit (ms)</translation>
    </message>
    <message>
        <source>importance</source>
        <translation>importance</translation>
    </message>
    <message>
        <source>&amp;Predict all jobs</source>
        <translation>&amp;Prévoir tous les jobs</translation>
    </message>
    <message numerus="yes">
        <source>Predictions stored for %n job(s).</source>
        <translation>
            <numerusform>Prévision enregistrée pour %n job.</numerusform>
            <numerusform>Prévisions enregistrées pour %n jobs.</numerusform>
        </translation>
    </message>
    <message>
        <source>Predicting stopped: %1</source>
        <translation>Prévision interrompue&#xa0;: %1</translation>
    </message>
    <message>
        <source>Recommendation kind</source>
        <translation>Type de recommandation</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>Mesures</translation>
    </message>
    <message>
        <source>Median measured / predicted</source>
        <translation>Médiane mesuré / prévu</translation>
    </message>
    <message>
        <source>Confidence factor</source>
        <translation>Facteur de confiance</translation>
    </message>
    <message>
        <source>The learning loop: each measured recommendation compares its measured improvement with the predicted one; the next ranking multiplies the confidence of that kind by its factor (shrunk toward 1 while there are few measurements).</source>
        <translation>La boucle d&apos;apprentissage&#xa0;: chaque recommandation mesurée compare le gain mesuré au gain prévu&#xa0;; le classement suivant multiplie la confiance de ce type par son facteur (ramené vers 1 tant que les mesures sont peu nombreuses).</translation>
    </message>
    <message>
        <source>Track record of measured recommendations</source>
        <translation>Bilan des recommandations mesurées</translation>
    </message>
    <message>
        <source>ln(actual / predicted)</source>
        <translation>ln(réel / prévu)</translation>
    </message>
    <message>
        <source>Fitted on a sample of %1 of the %2 training jobs, stratified by query shape.</source>
        <translation>Ajusté sur un échantillon de %1 des %2 jobs d&apos;entraînement, stratifié par forme de requête.</translation>
    </message>
    <message>
        <source>%1: importance %2</source>
        <translation>%1&#xa0;: importance %2</translation>
    </message>
    <message>
        <source>Model %1 (%2): R² (log) %3, MAE %4, median q-error %5, within 20%: %6, 80% interval coverage %7 on %8 held-out jobs</source>
        <translation>Modèle %1 (%2)&#xa0;: R² (log) %3, MAE %4, q-error médiane %5, à 20&#xa0;% près&#xa0;: %6, couverture de l&apos;intervalle à 80&#xa0;%&#xa0;: %7 sur %8 jobs de validation</translation>
    </message>
    <message>
        <source>Residuals: ln(actual / predicted)</source>
        <translation>Résidus : ln(réel / prévu)</translation>
    </message>
    <message>
        <source>Predicted vs actual run time</source>
        <translation>Durée prévue et réelle</translation>
    </message>
    <message>
        <source>Feature importance</source>
        <translation>Importance des variables</translation>
    </message>
    <message>
        <source>Predicted against actual run time of the held-out jobs, in ms on log scales</source>
        <translation>Durée prévue face à la durée réelle des jobs de validation, en ms sur échelles logarithmiques</translation>
    </message>
    <message>
        <source>Residuals of the held-out jobs: ln(actual / predicted) against the predicted ms</source>
        <translation>Résidus des jobs de validation : ln(réel / prévu) selon la durée prévue en ms</translation>
    </message>
    <message>
        <source>For reference, %1 of held-out runs are within 20% of the median of their query shape&apos;s other held-out runs (run-to-run variation).</source>
        <translation>Pour comparaison, %1 des exécutions de validation sont à 20&#xa0;% près de la médiane des autres exécutions de validation de la même forme de requête (variation d&apos;une exécution à l&apos;autre).</translation>
    </message>
</context>
<context>
    <name>dopt::OperatorDetailView</name>
    <message>
        <source>Select an operator to see its plan attributes and metrics.</source>
        <translation>Sélectionnez un opérateur pour voir les attributs de son plan et ses métriques.</translation>
    </message>
    <message>
        <source>Operator %1: %2 (type code %3)</source>
        <translation>Opérateur %1 : %2 (code de type %3)</translation>
    </message>
    <message>
        <source>Plan attributes</source>
        <translation>Attributs du plan</translation>
    </message>
    <message>
        <source>The profile&apos;s plan gives no attributes for this operator.</source>
        <translation>Le plan du profil ne donne aucun attribut pour cet opérateur.</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Métriques</translation>
    </message>
    <message>
        <source>No metrics reported for this operator.</source>
        <translation>Aucune métrique signalée pour cet opérateur.</translation>
    </message>
</context>
<context>
    <name>dopt::PdfPageLayout</name>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 sur %2</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>dopt::PgExplainDialog</name>
    <message>
        <source>&amp;Show Statements</source>
        <translation>&amp;Afficher les instructions</translation>
    </message>
    <message>
        <source>I have read these statements; run them on the server</source>
        <translation>J’ai lu ces instructions&#xa0;; les exécuter sur le serveur</translation>
    </message>
    <message>
        <source>&amp;Collect Plans</source>
        <translation>&amp;Collecter les plans</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Collect PostgreSQL Plans</source>
        <translation>Collecter les plans PostgreSQL</translation>
    </message>
    <message>
        <source>A PostgreSQL source of this workspace (postgresql://user@host:port/database)</source>
        <translation>Une source PostgreSQL de cet espace de travail (postgresql://utilisateur@hôte:port/base)</translation>
    </message>
    <message>
        <source>optional: PGPASSWORD or ~/.pgpass otherwise</source>
        <translation>facultatif&#xa0;: sinon PGPASSWORD ou ~/.pgpass</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Show the statements first: nothing runs before you confirm them.</source>
        <translation>Affichez d’abord les instructions&#xa0;: rien ne s’exécute avant que vous les confirmiez.</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>EXPLAIN time</source>
        <translation>Durée de l’EXPLAIN</translation>
    </message>
    <message>
        <source>Spilled</source>
        <translation>Débordé sur disque</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Most expensive statements:</source>
        <translation>Instructions les plus coûteuses&#xa0;:</translation>
    </message>
    <message>
        <source>statement_timeout per statement:</source>
        <translation>statement_timeout par instruction&#xa0;:</translation>
    </message>
    <message>
        <source>Statements that will run (nothing runs before you confirm):</source>
        <translation>Instructions qui seront exécutées (rien ne s’exécute avant votre confirmation)&#xa0;:</translation>
    </message>
    <message>
        <source>This workspace has no PostgreSQL source yet: collect one first (dremio-optimizer-cli collect --postgres URL) or type its URL.</source>
        <translation>Cet espace de travail n’a pas encore de source PostgreSQL&#xa0;: collectez-en une d’abord (dremio-optimizer-cli collect --postgres URL) ou saisissez son URL.</translation>
    </message>
    <message>
        <source>The settings changed: show the statements again before running them.</source>
        <translation>Les réglages ont changé&#xa0;: affichez de nouveau les instructions avant de les exécuter.</translation>
    </message>
    <message>
        <source>Connecting and choosing the statements…</source>
        <translation>Connexion et choix des instructions…</translation>
    </message>
    <message>
        <source>Cannot choose the statements: %1</source>
        <translation>Impossible de choisir les instructions&#xa0;: %1</translation>
    </message>
    <message>
        <source>Each statement runs on %1 (database %2) as:</source>
        <translation>Chaque instruction s’exécute sur %1 (base %2) ainsi&#xa0;:</translation>
    </message>
    <message>
        <source>EXPLAIN ANALYZE executes the statement; the read-only transaction is rolled back and statement_timeout stops it after %1 s.</source>
        <translation>EXPLAIN ANALYZE exécute l’instruction&#xa0;; la transaction en lecture seule est annulée et statement_timeout l’arrête au bout de %1 s.</translation>
    </message>
    <message>
        <source>   values: those of its slowest logged execution%1</source>
        <translation>   valeurs&#xa0;: celles de son exécution journalisée la plus lente%1</translation>
    </message>
    <message>
        <source>   values: none needed</source>
        <translation>   valeurs&#xa0;: aucune nécessaire</translation>
    </message>
    <message>
        <source>   $%1 = %2 (%3)</source>
        <translation>   $%1 = %2 (%3)</translation>
    </message>
    <message>
        <source>   will not run: %1</source>
        <translation>   ne sera pas exécutée&#xa0;: %1</translation>
    </message>
    <message>
        <source>No SELECT of this source to explain: collect pg_stat_statements snapshots or import its server log first.</source>
        <translation>Aucun SELECT de cette source à expliquer&#xa0;: collectez d’abord des instantanés pg_stat_statements ou importez son journal serveur.</translation>
    </message>
    <message>
        <source>Statements chosen: %1. Read them, then confirm.</source>
        <translation>Instructions choisies&#xa0;: %1. Lisez-les, puis confirmez.</translation>
    </message>
    <message>
        <source>Running EXPLAIN ANALYZE…</source>
        <translation>Exécution d’EXPLAIN ANALYZE…</translation>
    </message>
    <message>
        <source>Stopping: the EXPLAIN in progress is cancelled on the server…</source>
        <translation>Arrêt&#xa0;: l’EXPLAIN en cours est annulé sur le serveur…</translation>
    </message>
    <message>
        <source>stored with job %1</source>
        <translation>enregistré avec le job %1</translation>
    </message>
    <message>
        <source>none: %1</source>
        <translation>aucun&#xa0;: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
    <message>
        <source>Profiles stored: %1, statements without one: %2</source>
        <translation>Profils enregistrés&#xa0;: %1, instructions sans profil&#xa0;: %2</translation>
    </message>
    <message>
        <source>(stopped before the end)</source>
        <translation>(arrêté avant la fin)</translation>
    </message>
    <message>
        <source>The new profiles are in the query browser.</source>
        <translation>Les nouveaux profils sont dans le navigateur de requêtes.</translation>
    </message>
    <message>
        <source>%1. %2: %3 calls, %4 in total</source>
        <translation>%1. %2&#xa0;: %3 appels, %4 au total</translation>
    </message>
</context>
<context>
    <name>dopt::PhaseTimeline</name>
    <message>
        <source>No state durations recorded for this job</source>
        <translation>Aucune durée d&apos;état enregistrée pour ce job</translation>
    </message>
    <message>
        <source>%1: %2 (%3, %4 of %5)
starts at +%6</source>
        <translation>%1&#xa0;: %2 (%3, %4 de %5)
commence à +%6</translation>
    </message>
</context>
<context>
    <name>dopt::PlanComparisonView</name>
    <message>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <source>Plan before</source>
        <translation>Plan avant</translation>
    </message>
    <message>
        <source>Plan after</source>
        <translation>Plan après</translation>
    </message>
    <message>
        <source>No plans were captured.</source>
        <translation>Aucun plan n&apos;a été capturé.</translation>
    </message>
    <message>
        <source>Same operators before and after.</source>
        <translation>Mêmes opérateurs avant et après.</translation>
    </message>
    <message>
        <source>%1 operator(s) only before (red), %2 only after (green).</source>
        <translation>Opérateurs présents uniquement avant (en rouge)&#xa0;: %1&#xa0;; uniquement après (en vert)&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Only in the plan after the change</source>
        <translation>Présent uniquement dans le plan après la modification</translation>
    </message>
    <message>
        <source>Only in the plan before the change</source>
        <translation>Présent uniquement dans le plan avant la modification</translation>
    </message>
    <message>
        <source>Plans not captured: %1</source>
        <translation>Plans non capturés : %1</translation>
    </message>
    <message>
        <source>Plan before not captured: %1</source>
        <translation>Plan avant non capturé : %1</translation>
    </message>
    <message>
        <source>Plan after not captured: %1</source>
        <translation>Plan après non capturé : %1</translation>
    </message>
</context>
<context>
    <name>dopt::PlanTreeModel</name>
    <message>
        <source>%1 (operator %2 of major fragment %3, type code %4)</source>
        <translation>%1 (opérateur %2 du fragment majeur %3, code de type %4)</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>non communiqué</translation>
    </message>
    <message>
        <source>input %1: %2</source>
        <translation>entrée %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>no planner estimate</source>
        <translation>aucune estimation du planificateur</translation>
    </message>
    <message>
        <source>%1 summed over %2 threads (setup %3)</source>
        <translation>%1 cumulé sur %2 threads (préparation %3)</translation>
    </message>
    <message>
        <source>%1 of %2 total process time</source>
        <translation>%1 sur %2 de temps de traitement total</translation>
    </message>
    <message>
        <source>Skewed: the work is unevenly spread over %1 threads.
Process time per thread: min %2, avg %3, max %4
Input records per thread: min %5, avg %6, max %7</source>
        <translation>Déséquilibré&#xa0;: le travail est inégalement réparti sur %1 threads.
Temps de traitement par thread&#xa0;: min %2, moy %3, max %4
Enregistrements en entrée par thread&#xa0;: min %5, moy %6, max %7</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>Process time</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <source>Wait time</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation>Mémoire max</translation>
    </message>
    <message>
        <source>Spilled</source>
        <translation>Débordé</translation>
    </message>
    <message>
        <source>% of time</source>
        <translation>% du temps</translation>
    </message>
    <message>
        <source>Findings: %1</source>
        <translation>Constats&#xa0;: %1</translation>
    </message>
    <message>
        <source>Rows in</source>
        <translation>Lignes ent.</translation>
    </message>
    <message>
        <source>Rows out</source>
        <translation>Lignes sort.</translation>
    </message>
    <message>
        <source>Est. rows</source>
        <translation>Lignes est.</translation>
    </message>
    <message>
        <source>Operator: major fragment and operator id, then its type (flagged when its threads are skewed or a finding points at it)</source>
        <translation>Opérateur&#xa0;: fragment majeur et numéro d&apos;opérateur, puis son type (signalé quand ses threads sont déséquilibrés ou qu&apos;un constat le désigne)</translation>
    </message>
    <message>
        <source>Detail: the operator&apos;s main plan attribute (table, condition, keys…); the pane below shows all of them</source>
        <translation>Détail&#xa0;: l&apos;attribut principal du plan de l&apos;opérateur (table, condition, clés…)&#xa0;; le volet du dessous les montre tous</translation>
    </message>
    <message>
        <source>Threads: how many threads (minor fragments) ran the operator</source>
        <translation>Threads&#xa0;: nombre de threads (fragments mineurs) qui ont exécuté l&apos;opérateur</translation>
    </message>
    <message>
        <source>Input rows: records the operator read from its inputs, summed over its threads</source>
        <translation>Lignes en entrée&#xa0;: enregistrements que l&apos;opérateur a lus sur ses entrées, cumulés sur ses threads</translation>
    </message>
    <message>
        <source>Output rows: records the operator produced, summed over its threads</source>
        <translation>Lignes en sortie&#xa0;: enregistrements que l&apos;opérateur a produits, cumulés sur ses threads</translation>
    </message>
    <message>
        <source>Estimated rows: the planner&apos;s estimate of the operator&apos;s output rows</source>
        <translation>Lignes estimées&#xa0;: l&apos;estimation par le planificateur des lignes en sortie de l&apos;opérateur</translation>
    </message>
    <message>
        <source>Process time: time the operator spent working, summed over its threads</source>
        <translation>Temps de traitement&#xa0;: temps que l&apos;opérateur a passé à travailler, cumulé sur ses threads</translation>
    </message>
    <message>
        <source>Wait time: time the operator spent waiting (for data, disk or network), summed over its threads</source>
        <translation>Temps d&apos;attente&#xa0;: temps que l&apos;opérateur a passé à attendre (données, disque ou réseau), cumulé sur ses threads</translation>
    </message>
    <message>
        <source>Peak memory: the most memory one thread of the operator held at once</source>
        <translation>Pic de mémoire&#xa0;: le plus de mémoire qu&apos;un thread de l&apos;opérateur a occupé à un instant donné</translation>
    </message>
    <message>
        <source>Spilled: bytes the operator wrote to disk because its data did not fit in memory</source>
        <translation>Débordé sur disque&#xa0;: octets que l&apos;opérateur a écrits sur disque faute de place en mémoire</translation>
    </message>
    <message>
        <source>% of time: the operator&apos;s share of the process time of all operators</source>
        <translation>% du temps&#xa0;: la part de l&apos;opérateur dans le temps de traitement de tous les opérateurs</translation>
    </message>
</context>
<context>
    <name>dopt::ProfileView</name>
    <message>
        <source>Select a job to see its profile.</source>
        <translation>Sélectionnez un job pour voir son profil.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Aucun espace de travail n&apos;est ouvert.</translation>
    </message>
    <message>
        <source>Loading the profile…</source>
        <translation>Chargement du profil…</translation>
    </message>
    <message>
        <source>The profile could not be loaded: %1</source>
        <translation>Le profil n&apos;a pas pu être chargé&#xa0;: %1</translation>
    </message>
    <message>
        <source>No profile stored for this job (import the profile JSON or ZIP to see its operators).</source>
        <translation>Aucun profil enregistré pour ce job (importez le profil JSON ou ZIP pour voir ses opérateurs).</translation>
    </message>
    <message>
        <source>operators: %1</source>
        <translation>opérateurs&#xa0;: %1</translation>
    </message>
    <message>
        <source>Dremio %1</source>
        <translation>Dremio %1</translation>
    </message>
    <message>
        <source>skewed operators (marked ⚠): %1</source>
        <translation>opérateurs déséquilibrés (marqués ⚠)&#xa0;: %1</translation>
    </message>
    <message>
        <source>parser warnings: %1 (first: %2)</source>
        <translation>avertissements de l&apos;analyseur&#xa0;: %1 (premier&#xa0;: %2)</translation>
    </message>
    <message>
        <source>Reset columns</source>
        <translation>Réinitialiser les colonnes</translation>
    </message>
</context>
<context>
    <name>dopt::RecentWorkspaces</name>
    <message>
        <source>No recent workspaces</source>
        <translation>Aucun espace de travail récent</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>&amp;Effacer le menu</translation>
    </message>
</context>
<context>
    <name>dopt::RecommendationTableModel</name>
    <message>
        <source>Estimated saving over the analysed window: %1 of %2 spent in %3 runs</source>
        <translation>Gain estimé sur la période analysée&#xa0;: %1 sur %2 passés en %3 exécutions</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>Détecteur</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Recommandation</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Est. saving</source>
        <translation>Gain estimé</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Jeu de données</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>dopt::RecommendationsView</name>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>&amp;Apply &amp;&amp; Measure…</source>
        <translation>&amp;Appliquer et mesurer…</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Ignorer</translation>
    </message>
    <message>
        <source>All detectors</source>
        <translation>Tous les détecteurs</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>Toutes les gravités</translation>
    </message>
    <message>
        <source>%1 or worse</source>
        <translation>%1 ou plus grave</translation>
    </message>
    <message>
        <source>Dataset (exact path)</source>
        <translation>Jeu de données (chemin exact)</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Show the exact statements, then apply the change and time the query before and after</source>
        <translation>Afficher les instructions exactes, puis appliquer la modification et chronométrer la requête avant et après</translation>
    </message>
    <message>
        <source>SQL rewrite</source>
        <translation>Réécriture SQL</translation>
    </message>
    <message>
        <source>Evidence and statements</source>
        <translation>Éléments probants et instructions</translation>
    </message>
    <message>
        <source>No workspace</source>
        <translation>Aucun espace de travail</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>Cannot read recommendations: %1</source>
        <translation>Impossible de lire les recommandations&#xa0;: %1</translation>
    </message>
    <message>
        <source>No recommendations yet: run Analysis → Analyze Workspace</source>
        <translation>Aucune recommandation pour l&apos;instant&#xa0;: lancez Analyse → Analyser l&apos;espace de travail</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 affichées sur %2</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Éléments probants</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <source>Measured query</source>
        <translation>Requête mesurée</translation>
    </message>
    <message>
        <source>Example jobs: %1</source>
        <translation>Exemples de jobs&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot change the status: %1</source>
        <translation>Impossible de changer le statut&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saving from the detector&apos;s fixed share (no model estimate: %1)</source>
        <translation>Gain selon la part fixe du détecteur (pas d&apos;estimation du modèle&#xa0;: %1)</translation>
    </message>
    <message>
        <source>Saving estimated by model %1 (%2): %3 of a run, %4 per run × %5 runs</source>
        <translation>Gain estimé par le modèle %1 (%2)&#xa0;: %3 d&apos;une exécution, %4 par exécution × %5 exécutions</translation>
    </message>
    <message numerus="yes">
        <source>Track record of this kind: %Ln measurement(s), measured/predicted %1, confidence × %2</source>
        <translation>
            <numerusform>Bilan de ce type&#xa0;: %Ln mesure, mesuré/prévu %1, confiance × %2</numerusform>
            <numerusform>Bilan de ce type&#xa0;: %Ln mesures, mesuré/prévu %1, confiance × %2</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 · %2 · %3 · confidence %4 · %5 runs costing %6 · estimated saving %7</source>
        <translation>#%1 · %2 · %3 · confiance %4 · %5 exécutions coûtant %6 · gain estimé %7</translation>
    </message>
    <message>
        <source>Last measurement</source>
        <translation>Dernière mesure</translation>
    </message>
    <message>
        <source>#%1 · %2 · %3</source>
        <translation>n° %1 · %2 · %3</translation>
    </message>
    <message>
        <source>no verdict</source>
        <translation>pas de verdict</translation>
    </message>
    <message>
        <source>Query timed (chosen by %1):</source>
        <translation>Requête chronométrée (choisie par %1)&#xa0;:</translation>
    </message>
</context>
<context>
    <name>dopt::ReportCharts</name>
    <message>
        <source>%1 (median %2)</source>
        <translation>%1 (médiane %2)</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
</context>
<context>
    <name>dopt::ReportExportController</name>
    <message>
        <source>Report export stopped: another workspace was opened</source>
        <translation>Export du rapport arrêté&#xa0;: un autre espace de travail a été ouvert</translation>
    </message>
    <message>
        <source>A report is already being exported</source>
        <translation>Un rapport est déjà en cours d&apos;export</translation>
    </message>
    <message>
        <source>Report export cancelled</source>
        <translation>Export du rapport annulé</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>Écriture de %1</translation>
    </message>
</context>
<context>
    <name>dopt::ReportExportFlow</name>
    <message>
        <source>E&amp;xport Report…</source>
        <translation>E&amp;xporter un rapport…</translation>
    </message>
    <message>
        <source>Write a PDF report of the workspace: summary, regressions, workload, recommendations</source>
        <translation>Écrire un rapport PDF de l&apos;espace de travail&#xa0;: synthèse, régressions, charge de travail, recommandations</translation>
    </message>
    <message numerus="yes">
        <source>Report written: %1 (%n page(s))</source>
        <translation>
            <numerusform>Rapport enregistré&#xa0;: %1 (%n page)</numerusform>
            <numerusform>Rapport enregistré&#xa0;: %1 (%n pages)</numerusform>
        </translation>
    </message>
    <message>
        <source>Report not written: %1</source>
        <translation>Rapport non enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Reading the workspace…</source>
        <translation>Lecture de l&apos;espace de travail…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Exporter un rapport</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>dopt::ReportNumbers</name>
    <message>
        <source>%1×</source>
        <comment>a ratio such as 2.5 times slower</comment>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 (%2 ms)</source>
        <translation>%1 (%2 ms)</translation>
    </message>
    <message>
        <source>%1 %2 UTC</source>
        <comment>date, time</comment>
        <translation>%1 %2 UTC</translation>
    </message>
</context>
<context>
    <name>dopt::ReportPdfWriter</name>
    <message>
        <source>cannot start the PDF painter</source>
        <translation>impossible de démarrer le rendu PDF</translation>
    </message>
    <message>
        <source>%1: cannot write the report: %2</source>
        <translation>%1&#xa0;: impossible d&apos;écrire le rapport&#xa0;: %2</translation>
    </message>
    <message>
        <source>Dremio Optimizer report</source>
        <translation>Rapport Dremio Optimizer</translation>
    </message>
    <message>
        <source>%1: cannot start the PDF painter</source>
        <translation>%1&#xa0;: impossible de démarrer le rendu PDF</translation>
    </message>
    <message>
        <source>Dremio Optimizer report · %1</source>
        <translation>Rapport Dremio Optimizer · %1</translation>
    </message>
    <message>
        <source>the first job</source>
        <translation>le premier job</translation>
    </message>
    <message>
        <source>the last job</source>
        <translation>le dernier job</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Espace de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>Time range: %1</source>
        <translation>Période&#xa0;: %1</translation>
    </message>
    <message>
        <source>Jobs: %1</source>
        <translation>Jobs&#xa0;: %1</translation>
    </message>
    <message>
        <source>Generated: %1</source>
        <translation>Généré le&#xa0;: %1</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>No source in this workspace.</source>
        <translation>Aucune source dans cet espace de travail.</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>données de démonstration</translation>
    </message>
    <message>
        <source>real data</source>
        <translation>données réelles</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Jobs in range</source>
        <translation>Jobs sur la période</translation>
    </message>
    <message>
        <source>This workspace holds generated demo data: its figures describe no real system.</source>
        <translation>Cet espace de travail contient des données de démonstration générées&#xa0;: ses chiffres ne décrivent aucun système réel.</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Sommaire</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>Synthèse</translation>
    </message>
    <message>
        <source>Jobs in the time range</source>
        <translation>Jobs sur la période</translation>
    </message>
    <message>
        <source>Completed / failed / cancelled</source>
        <translation>Terminés / en échec / annulés</translation>
    </message>
    <message>
        <source>%1 / %2 / %3</source>
        <translation>%1 / %2 / %3</translation>
    </message>
    <message>
        <source>Accelerated by reflections</source>
        <translation>Accélérés par des réflexions</translation>
    </message>
    <message>
        <source>%1 jobs (%2)</source>
        <translation>%1 jobs (%2)</translation>
    </message>
    <message>
        <source>Jobs with a query profile</source>
        <translation>Jobs avec un profil de requête</translation>
    </message>
    <message>
        <source>Total run time</source>
        <translation>Temps d&apos;exécution total</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>%1 from %2 detectors</source>
        <translation>%1 issus de %2 détecteurs</translation>
    </message>
    <message>
        <source>Estimated saving, all findings</source>
        <translation>Gain estimé, tous constats confondus</translation>
    </message>
    <message>
        <source>Estimated saving, all recommendations</source>
        <translation>Gain estimé, toutes recommandations confondues</translation>
    </message>
    <message>
        <source>Regressions</source>
        <translation>Régressions</translation>
    </message>
    <message>
        <source>Changes measured</source>
        <translation>Modifications mesurées</translation>
    </message>
    <message>
        <source>%1 (improved %2, no change %3, regressed %4)</source>
        <translation>%1 (améliorées %2, sans changement %3, dégradées %4)</translation>
    </message>
    <message>
        <source>Measured saving per run of the improved statements</source>
        <translation>Gain mesuré par exécution des instructions améliorées</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Top recommendations</source>
        <translation>Principales recommandations</translation>
    </message>
    <message>
        <source>No recommendation and no finding in this workspace: run the analysis first (dremio-optimizer-cli analyze).</source>
        <translation>Aucune recommandation et aucun constat dans cet espace de travail&#xa0;: lancez d&apos;abord l&apos;analyse (dremio-optimizer-cli analyze).</translation>
    </message>
    <message>
        <source>This workspace has no ranked recommendations yet; the findings with the largest estimated saving are shown instead.</source>
        <translation>Cet espace de travail n&apos;a pas encore de recommandations classées&#xa0;; les constats au gain estimé le plus élevé sont affichés à la place.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Recommandation</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Estimated saving</source>
        <translation>Gain estimé</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Rendement</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Return: the estimated saving as a share of the run time of the statements concerned.</source>
        <translation>Rendement&#xa0;: le gain estimé rapporté au temps d&apos;exécution des instructions concernées.</translation>
    </message>
    <message>
        <source>Findings by detector</source>
        <translation>Constats par détecteur</translation>
    </message>
    <message>
        <source>No statement got significantly slower in this time range (or the analysis has not run).</source>
        <translation>Aucune instruction n&apos;est devenue nettement plus lente sur cette période (ou l&apos;analyse n&apos;a pas été lancée).</translation>
    </message>
    <message>
        <source>Statements whose recent runs are slower than their baseline, with a one-sided Mann-Whitney U test (p-value) and a median at least 1.5× slower.</source>
        <translation>Instructions dont les exécutions récentes sont plus lentes que leur référence, selon un test U de Mann-Whitney unilatéral (valeur p) et avec une médiane au moins 1,5× plus lente.</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>Médiane</translation>
    </message>
    <message>
        <source>P95</source>
        <translation>P95</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>Ralentissement</translation>
    </message>
    <message>
        <source>p-value</source>
        <translation>valeur p</translation>
    </message>
    <message>
        <source>Runs (base / recent)</source>
        <translation>Exécutions (référence / récentes)</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Charge de travail</translation>
    </message>
    <message>
        <source>No job in this time range.</source>
        <translation>Aucun job sur cette période.</translation>
    </message>
    <message>
        <source>Jobs per day (UTC)</source>
        <translation>Jobs par jour (UTC)</translation>
    </message>
    <message>
        <source>jobs</source>
        <translation>jobs</translation>
    </message>
    <message>
        <source>Run time per day (UTC)</source>
        <translation>Temps d&apos;exécution par jour (UTC)</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>Workload patterns</source>
        <translation>Motifs de charge de travail</translation>
    </message>
    <message>
        <source>No workload pattern has been computed for this workspace.</source>
        <translation>Aucun motif de charge de travail n&apos;a été calculé pour cet espace de travail.</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>Recommendation %1: %2</source>
        <translation>Recommandation %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>Détecteur</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Runs of the statement</source>
        <translation>Exécutions de l&apos;instruction</translation>
    </message>
    <message>
        <source>Share of run time saved</source>
        <translation>Part du temps d&apos;exécution gagnée</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Current cost</source>
        <translation>Coût actuel</translation>
    </message>
    <message>
        <source>Example jobs</source>
        <translation>Exemples de jobs</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Éléments probants</translation>
    </message>
    <message>
        <source>No figures recorded.</source>
        <translation>Aucun chiffre enregistré.</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <source>SQL change</source>
        <translation>Modification SQL</translation>
    </message>
    <message>
        <source>Before (removed parts on red):</source>
        <translation>Avant (parties supprimées sur fond rouge)&#xa0;:</translation>
    </message>
    <message>
        <source>After (added parts on green):</source>
        <translation>Après (parties ajoutées sur fond vert)&#xa0;:</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>No query profile of the example jobs is in this workspace.</source>
        <translation>Aucun profil de requête des jobs d&apos;exemple ne se trouve dans cet espace de travail.</translation>
    </message>
    <message>
        <source>Operators of job %1 on the way to the one concerned (marked), with its inputs:</source>
        <translation>Opérateurs du job %1 menant à l&apos;opérateur concerné (marqué), avec ses entrées&#xa0;:</translation>
    </message>
    <message>
        <source>  rows %1  %2 ms</source>
        <translation>  lignes %1  %2 ms</translation>
    </message>
    <message>
        <source>Measured result</source>
        <translation>Résultat mesuré</translation>
    </message>
    <message>
        <source>Not measured yet: apply the change and measure it to compare before and after.</source>
        <translation>Pas encore mesuré&#xa0;: appliquez la modification et mesurez-la pour comparer avant et après.</translation>
    </message>
    <message>
        <source>Measured runs before and after (ms)</source>
        <translation>Exécutions mesurées avant et après (ms)</translation>
    </message>
    <message>
        <source>Verdict: %1. Median %2 → %3</source>
        <translation>Verdict&#xa0;: %1. Médiane %2 → %3</translation>
    </message>
    <message>
        <source> (95% interval %1–%2)</source>
        <translation> (intervalle à 95&#xa0;% %1–%2)</translation>
    </message>
    <message>
        <source>, p = %1</source>
        <translation>, p = %1</translation>
    </message>
    <message>
        <source>Model accuracy</source>
        <translation>Précision du modèle</translation>
    </message>
    <message>
        <source>No run-time model has been trained on this workspace.</source>
        <translation>Aucun modèle de temps d&apos;exécution n&apos;a été entraîné sur cet espace de travail.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Trained</source>
        <translation>Entraîné le</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrique</translation>
    </message>
    <message>
        <source>Appendix: settings</source>
        <translation>Annexe&#xa0;: paramètres</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Paramètre</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message numerus="yes">
        <source>%Ln finding(s)</source>
        <translation>
            <numerusform>%Ln constat</numerusform>
            <numerusform>%Ln constats</numerusform>
        </translation>
    </message>
    <message>
        <source>, speed-up %1</source>
        <translation>, accélération %1</translation>
    </message>
    <message numerus="yes">
        <source>, %Ln run(s) per variant.</source>
        <translation>
            <numerusform>, %Ln exécution par variante.</numerusform>
            <numerusform>, %Ln exécutions par variante.</numerusform>
        </translation>
    </message>
    <message>
        <source>What the detectors look for</source>
        <translation>Ce que cherchent les détecteurs</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Query timed (chosen by %1):</source>
        <translation>Requête chronométrée (choisie par %1)&#xa0;:</translation>
    </message>
</context>
<context>
    <name>dopt::SqlCodeBlock</name>
    <message numerus="yes">
        <source>… %n more line(s)</source>
        <translation>
            <numerusform>… %n ligne de plus</numerusform>
            <numerusform>… %n lignes de plus</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dopt::SqlDiffView</name>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>After (identical)</source>
        <translation>Après (identique)</translation>
    </message>
</context>
<context>
    <name>dopt::SqlView</name>
    <message>
        <source>Select a job to see its SQL</source>
        <translation>Sélectionnez un job pour voir son SQL</translation>
    </message>
    <message>
        <source>KDE Syntax-Highlighting (KF6)</source>
        <translation>KDE Syntax-Highlighting (KF6)</translation>
    </message>
    <message>
        <source>built-in SQL highlighter (KF6 Syntax-Highlighting has no SQL definition)</source>
        <translation>coloration SQL intégrée (KF6 Syntax-Highlighting n&apos;a pas de définition SQL)</translation>
    </message>
    <message>
        <source>built-in SQL highlighter (KF6 Syntax-Highlighting not available in this build)</source>
        <translation>coloration SQL intégrée (KF6 Syntax-Highlighting absent de cette version)</translation>
    </message>
</context>
<context>
    <name>dopt::TaskRunner</name>
    <message>
        <source>the task failed without a reason</source>
        <translation>la tâche a échoué sans raison indiquée</translation>
    </message>
    <message>
        <source>unexpected error: %1</source>
        <translation>erreur inattendue&#xa0;: %1</translation>
    </message>
    <message>
        <source>unexpected error of unknown type</source>
        <translation>erreur inattendue de type inconnu</translation>
    </message>
</context>
<context>
    <name>dopt::WorkloadView</name>
    <message>
        <source>Pattern</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Quand (UTC)</translation>
    </message>
    <message>
        <source>Query shape</source>
        <translation>Forme de requête</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul…</translation>
    </message>
    <message>
        <source>Workload patterns failed: %1</source>
        <translation>Échec du calcul des motifs de charge de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>No jobs with a submission time.</source>
        <translation>Aucun job avec une heure de soumission.</translation>
    </message>
    <message>
        <source>%1 days of history. Peak hours (UTC, above mean + 1σ): %2. Autocorrelation at 24 h: %3, at 168 h: %4.</source>
        <translation>%1 jours d&apos;historique. Heures de pointe (UTC, au-dessus de la moyenne + 1σ)&#xa0;: %2. Autocorrélation à 24 h&#xa0;: %3, à 168 h&#xa0;: %4.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Missing: %1.</source>
        <translation>Manquant&#xa0;: %1.</translation>
    </message>
    <message>
        <source>&amp;Recompute patterns</source>
        <translation>&amp;Recalculer les motifs</translation>
    </message>
</context>
<context>
    <name>dopt::WorkspaceController</name>
    <message>
        <source>Cannot count the jobs of the workspace: %1</source>
        <translation>Impossible de compter les jobs de l&apos;espace de travail&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>dopt::WorkspaceTaskSlot</name>
    <message>
        <source>Open a workspace first</source>
        <translation>Ouvrez d&apos;abord un espace de travail</translation>
    </message>
</context>
<context>
    <name>dopt::WorkspaceUpgradeDialog</name>
    <message>
        <source>Upgrading Workspace</source>
        <translation>Mise à niveau de l&apos;espace de travail</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Upgrading the workspace (%1): %2 of %3 rows</source>
        <translation>Mise à niveau de l&apos;espace de travail (%1)&#xa0;: %2 lignes sur %3</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Finds why Dremio and PostgreSQL queries are slow.</source>
        <translation>Trouve pourquoi les requêtes Dremio et PostgreSQL sont lentes.</translation>
    </message>
    <message>
        <source>Print the version and the SQL highlighter.</source>
        <translation>Affiche la version et le moteur de coloration SQL.</translation>
    </message>
    <message>
        <source>Open this workspace (SQLite file or postgresql:// URL).</source>
        <translation>Ouvre cet espace de travail (fichier SQLite ou URL postgresql://).</translation>
    </message>
    <message>
        <source>Render the window to this PNG once the first jobs are shown, then quit.</source>
        <translation>Enregistre la fenêtre dans ce fichier PNG dès que les premiers jobs sont affichés, puis quitte.</translation>
    </message>
    <message>
        <source>Use this language (e.g. fr or en) instead of the system one or $DOPT_LANGUAGE.</source>
        <translation>Utilise cette langue (par exemple fr ou en) au lieu de celle du système ou de $DOPT_LANGUAGE.</translation>
    </message>
</context>
</TS>
