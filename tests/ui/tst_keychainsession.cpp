// The Dremio token through the OS keychain, for real and without a display: a private D-Bus session
// (dbus-run-session) with GNOME Keyring's Secret Service unlocked by a password on stdin, in a
// throwaway HOME. Each step is a new process of this program (--keychain-helper STEP WORKSPACE):
// the connections dialog saves the token (QtKeychain → libsecret), another process reads it back the
// way collecting does (SecretStore with the workspace's reference, the environment variable unset),
// a third deletes it, a fourth finds it gone. The workspace file never holds the token.
// Skips, saying why, when dbus-run-session or gnome-keyring-daemon is missing, the build has no
// QtKeychain, or the daemon does not come up.
#include "sources/dremio/dremiosourcerepository.h"
#include "sources/dremio/secretstore.h"
#include "sources/dremioconnectionsdialog.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>
#include <cstdio>

using namespace dopt;

namespace {

const char* const SecretVariable = "DOPT_TEST_KEYCHAIN_SECRET"; // hands the token to the save step

/// Starts the Secret Service in the private session, waits for it on the bus, runs the four steps
/// (each writes STEP.out, STEP.err, STEP.rc into the folder) and stops the daemon it started.
const char* const SessionScript = R"(set -u
dir=$1; helper=$2; workspace=$3
printf '%s' "$DOPT_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$dir/daemon.log" 2>&1 &
daemon=$!
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.ListNames 2>/dev/null \
        | grep -q '"org.freedesktop.secrets"'; do
    tries=$((tries + 1))
    if [ $tries -gt 150 ]; then
        echo "the Secret Service did not appear on the session bus within 15 s" >"$dir/daemon.error"
        kill $daemon 2>/dev/null
        exit 0
    fi
    sleep 0.1
done
for step in save read remove read-again; do
    "$helper" --keychain-helper "$step" "$workspace" >"$dir/$step.out" 2>"$dir/$step.err"
    echo $? >"$dir/$step.rc"
done
kill $daemon 2>/dev/null
wait $daemon 2>/dev/null
exit 0
)";

int helperFail(const QString& message, int code = 1)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    return code;
}

/// One step in its own process; prints key=value lines on stdout.
int runHelper(const QString& step, const QString& workspacePath)
{
    auto workspace = std::make_shared<Workspace>();
    QString error;
    if (!workspace->open(workspacePath, &error))
        return helperFail(error);
    if (step == QLatin1String("save")) {
        // The user's path: the connections dialog, token typed, Save.
        DremioConnectionsDialog dialog(workspace);
        dialog.findChild<QLineEdit*>(QStringLiteral("urlEdit"))->setText(QStringLiteral("http://dremio.invalid:9047"));
        dialog.findChild<QComboBox*>(QStringLiteral("authCombo"))->setCurrentIndex(0);
        dialog.findChild<QLineEdit*>(QStringLiteral("secretEdit"))->setText(qEnvironmentVariable(SecretVariable));
        QSignalSpy finished(&dialog, &DremioConnectionsDialog::operationFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("saveButton")), Qt::LeftButton);
        if (!finished.wait(60000) || !finished.first().first().toBool())
            return helperFail(QStringLiteral("save failed: ") + dialog.statusText());
        std::printf("status=%s\n", qPrintable(dialog.statusText()));
    }
    const QVector<DremioSourceSettings> saved = DremioSourceRepository(workspace->database()).all(&error);
    if (saved.size() != 1)
        return helperFail(QStringLiteral("expected one saved connection, found %1 %2").arg(saved.size()).arg(error));
    const DremioSourceSettings& settings = saved.first();
    std::printf("backend=%s\nref=%s\n", qPrintable(settings.secretBackend), qPrintable(settings.secretRef));
    if (step == QLatin1String("save"))
        return settings.secretBackend == QLatin1String("keychain") ? 0 : 3; // 3: no keychain, status says why
    SecretStore store;
    if (step == QLatin1String("read") || step == QLatin1String("read-again")) {
        // As collecting does, with the connection's environment variable out of the way.
        qunsetenv(qPrintable(settings.connection.secretEnvironmentVariable()));
        SecretStore::Backend backend = SecretStore::Backend::None;
        const std::optional<QString> secret
            = store.read(settings.secretRef, settings.connection.secretEnvironmentVariable(), &error, &backend);
        if (!secret)
            return helperFail(error);
        std::printf("from=%s\nsecret=%s\n", backend == SecretStore::Backend::Keychain ? "keychain" : "other",
            qPrintable(*secret));
        return 0;
    }
    if (step == QLatin1String("remove"))
        return store.remove(settings.secretRef, &error) ? 0 : helperFail(error);
    return helperFail(QStringLiteral("unknown step ") + step, 2);
}

QString fileText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

/// The value of "key=" in a step's output.
QString value(const QString& output, const QString& key)
{
    for (const QString& line : output.split(QLatin1Char('\n'))) {
        if (line.startsWith(key + QLatin1Char('=')))
            return line.mid(key.size() + 1);
    }
    return {};
}

bool fileContains(const QString& path, const QByteArray& needle)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.readAll().contains(needle);
}

} // namespace

class TestKeychainSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenRoundTripThroughTheSecretService()
    {
        if (!SecretStore::keychainCompiledIn())
            QSKIP("this build has no QtKeychain (qtkeychain-qt6-dev), so there is no keychain to test");
        for (const char* tool : {"dbus-run-session", "dbus-send", "gnome-keyring-daemon"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed (packages dbus and gnome-keyring, "
                                                "packaging/debian-test-deps.txt)")
                                     .arg(QString::fromLatin1(tool))));
        }
        QTemporaryDir home; // the keyring files land here, never in the real home
        QVERIFY(home.isValid());
        const QString steps = home.filePath(QStringLiteral("steps"));
        QVERIFY(QDir().mkpath(steps));
        const QString runtime = home.filePath(QStringLiteral("runtime"));
        QVERIFY(QDir().mkpath(runtime));
        QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QString workspace = home.filePath(QStringLiteral("keychain.dopt"));
        const QString secret = QStringLiteral("dremio-pat-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "DREMIO_PAT",
                 "DREMIO_PASSWORD", "GNOME_KEYRING_CONTROL"})
            environment.remove(QString::fromLatin1(name));
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("DOPT_TEST_KEYRING_PASSWORD"), QStringLiteral("test-keyring-password"));
        environment.insert(QString::fromLatin1(SecretVariable), secret);
        QProcess session;
        session.setProcessEnvironment(environment);
        session.setProcessChannelMode(QProcess::MergedChannels);
        session.start(QStringLiteral("dbus-run-session"),
            {QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), QString::fromUtf8(SessionScript),
                QStringLiteral("keychain-session"), steps, QCoreApplication::applicationFilePath(), workspace});
        QVERIFY(session.waitForStarted());
        if (!session.waitForFinished(300000)) {
            session.kill();
            QFAIL("the keychain session did not finish within 5 minutes");
        }
        const QString sessionOutput = QString::fromUtf8(session.readAll());
        const QString daemonError = fileText(steps + QStringLiteral("/daemon.error"));
        if (!daemonError.isEmpty())
            QSKIP(qPrintable(QStringLiteral("GNOME Keyring does not run headless here: %1; %2")
                                 .arg(daemonError, fileText(steps + QStringLiteral("/daemon.log")))));
        const auto step = [&](const QString& name) {
            return std::tuple {fileText(steps + QLatin1Char('/') + name + QStringLiteral(".rc")),
                fileText(steps + QLatin1Char('/') + name + QStringLiteral(".out")),
                fileText(steps + QLatin1Char('/') + name + QStringLiteral(".err"))};
        };

        const auto [saveRc, saveOut, saveErr] = step(QStringLiteral("save"));
        if (saveRc == QLatin1String("3"))
            QSKIP(qPrintable(QStringLiteral("the Secret Service came up but QtKeychain cannot use it: ")
                + value(saveOut, QStringLiteral("status"))));
        QVERIFY2(saveRc == QLatin1String("0"), qPrintable(saveOut + saveErr + sessionOutput));
        QCOMPARE(value(saveOut, QStringLiteral("backend")), QStringLiteral("keychain"));
        const QString key = value(saveOut, QStringLiteral("ref"));
        QVERIFY2(key.startsWith(QStringLiteral("dremio:")), qPrintable(key));

        // A new process finds the token in the keychain under the workspace's reference.
        const auto [readRc, readOut, readErr] = step(QStringLiteral("read"));
        QVERIFY2(readRc == QLatin1String("0"), qPrintable(readOut + readErr));
        QCOMPARE(value(readOut, QStringLiteral("from")), QStringLiteral("keychain"));
        QCOMPARE(value(readOut, QStringLiteral("secret")), secret);

        const auto [removeRc, removeOut, removeErr] = step(QStringLiteral("remove"));
        QVERIFY2(removeRc == QLatin1String("0"), qPrintable(removeOut + removeErr));
        // Gone: the next process gets a reason instead of a token.
        const auto [againRc, againOut, againErr] = step(QStringLiteral("read-again"));
        QVERIFY2(againRc != QLatin1String("0"), qPrintable(againOut));
        QVERIFY(!againOut.contains(secret));
        QVERIFY2(!againErr.isEmpty(), "no reason given for the missing token");

        // The workspace has only the reference, never the token (nor its journal files).
        QVERIFY(QFile::exists(workspace));
        for (const QString& suffix :
            {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
            QVERIFY2(!fileContains(workspace + suffix, secret.toUtf8()), qPrintable(workspace + suffix));
        QVERIFY(
            fileContains(workspace, key.toUtf8()) || fileContains(workspace + QStringLiteral("-wal"), key.toUtf8()));
    }
};

int main(int argc, char** argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--keychain-helper") == 0) {
        QApplication app(argc, argv);
        return runHelper(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    }
    QApplication app(argc, argv);
    TestKeychainSession test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainsession.moc"
