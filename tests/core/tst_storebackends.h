#pragma once

#include "postgresserver.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QTest>
#include <memory>

/// The two backends the store tests run against: SQLite files in fresh folders and databases on a
/// throwaway PostgreSQL server. When the server cannot start, PostgreSQL locations are empty and
/// problem() says why (tests skip with it).
class StoreBackends
{
public:
    void start()
    {
        m_started = m_server.start(&m_problem);
        if (!m_started)
            qWarning("PostgreSQL cases will be skipped: %s", qPrintable(m_problem));
    }

    /// Adds the "backend" column with one row per backend to the current test's data.
    static void addRows()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    /// A location nobody has used yet, or empty when the backend is unavailable.
    QString freshLocation(const QString& backend)
    {
        if (backend == QLatin1String("sqlite"))
            return dopt::test::tempDir() + QStringLiteral("/workspace.dopt");
        if (!m_started)
            return QString();
        QString error;
        const QString url = m_server.createDatabase(QStringLiteral("store_%1").arg(++m_serial), &error);
        if (url.isEmpty())
            m_problem = QStringLiteral("cannot create a database: ") + error;
        return url;
    }

    /// A freshly created workspace on the backend, or null (problem() says why).
    std::unique_ptr<dopt::Workspace> openFresh(const QString& backend)
    {
        const QString location = freshLocation(backend);
        auto workspace = std::make_unique<dopt::Workspace>();
        if (location.isEmpty() || !workspace->open(location, &m_problem))
            return nullptr;
        return workspace;
    }

    /// For suites sharing one workspace per backend: opens both (call from initTestCase; false
    /// only when SQLite fails, a missing PostgreSQL just makes its rows skip).
    bool openShared()
    {
        m_shared[0] = openFresh(QStringLiteral("sqlite"));
        m_shared[1] = openFresh(QStringLiteral("postgresql"));
        return m_shared[0] != nullptr;
    }
    /// The shared workspace of the current global data row, or null when its backend is unavailable.
    dopt::Workspace* shared() const
    {
        QFETCH_GLOBAL(QString, backend);
        return m_shared[backend == QLatin1String("sqlite") ? 0 : 1].get();
    }
    void closeShared()
    {
        m_shared[0].reset();
        m_shared[1].reset();
    }

    QString skipReason() const { return QStringLiteral("PostgreSQL unavailable: ") + m_problem; }

private:
    dopt::test::PostgresServer m_server;
    bool m_started = false;
    QString m_problem;
    int m_serial = 0;
    std::unique_ptr<dopt::Workspace> m_shared[2]; // sqlite, postgresql
};
