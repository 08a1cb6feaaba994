<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>dopt::ColumnChooser</name>
    <message>
        <source>Show all columns</source>
        <translation>Afficher toutes les colonnes</translation>
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
        <source>Then import your own profiles, query logs or job history.</source>
        <translation>Importez ensuite vos propres profils, journaux de requêtes ou historiques de jobs.</translation>
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
        <source>Import Dremio Files</source>
        <translation>Importer des fichiers Dremio</translation>
    </message>
    <message>
        <source>Dremio profiles, query logs and job history (*.json *.zip *.csv);;All files (*)</source>
        <translation>Profils Dremio, journaux de requêtes et historiques de jobs (*.json *.zip *.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Import a Folder of Dremio Files</source>
        <translation>Importer un répertoire de fichiers Dremio</translation>
    </message>
    <message>
        <source>About Dremio Optimizer</source>
        <translation>À propos de Dremio Optimizer</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Dremio Optimizer %1&lt;/h3&gt;&lt;p&gt;Finds why Dremio and PostgreSQL queries are slow.&lt;/p&gt;&lt;p&gt;SQL highlighting: %2&lt;br&gt;Qt %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dremio Optimizer %1&lt;/h3&gt;&lt;p&gt;Trouve pourquoi les requêtes Dremio et PostgreSQL sont lentes.&lt;/p&gt;&lt;p&gt;Coloration SQL&#xa0;: %2&lt;br&gt;Qt %3&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>dopt::PhaseTimeline</name>
    <message>
        <source>No state durations recorded for this job</source>
        <translation>Aucune durée d&apos;état enregistrée pour ce job</translation>
    </message>
    <message>
        <source>%1: %2 (%3 ms, %4% of %5)
starts at +%6</source>
        <translation>%1&#xa0;: %2 (%3&#xa0;ms, %4&#xa0;% de %5)
commence à +%6</translation>
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
        <source>Input rows</source>
        <translation>Lignes en entrée</translation>
    </message>
    <message>
        <source>Output rows</source>
        <translation>Lignes en sortie</translation>
    </message>
    <message>
        <source>Estimated rows</source>
        <translation>Lignes estimées</translation>
    </message>
    <message>
        <source>Process time</source>
        <translation>Temps de traitement</translation>
    </message>
    <message>
        <source>Wait time</source>
        <translation>Temps d&apos;attente</translation>
    </message>
    <message>
        <source>Peak memory</source>
        <translation>Pic de mémoire</translation>
    </message>
    <message>
        <source>Spilled</source>
        <translation>Débordé sur disque</translation>
    </message>
    <message>
        <source>% of time</source>
        <translation>% du temps</translation>
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
    <name>dopt::WorkspaceController</name>
    <message>
        <source>Cannot count the jobs of the workspace: %1</source>
        <translation>Impossible de compter les jobs de l&apos;espace de travail&#xa0;: %1</translation>
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
