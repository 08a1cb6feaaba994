#pragma once

#include <QString>
#include <optional>

namespace dopt {

/// Keeps Dremio secrets (personal access token or password) out of the workspace and out of clear
/// text files: they go to the OS keychain through QtKeychain (no insecure fallback) when a backend
/// answers, otherwise they can only come from an environment variable the user sets (read-only; the
/// store never writes one). Keychain calls run with our own timeout, because on headless Linux a
/// missing Secret Service can fail slowly or wait for an unlock prompt nobody can see.
class SecretStore
{
public:
    enum class Backend { Keychain, Environment, None };
    static constexpr int DefaultTimeoutMs = 5000;

    explicit SecretStore(int timeoutMs = DefaultTimeoutMs);

    /// True when the keychain completed a write/read/delete round trip; otherwise false with the
    /// reason (e.g. "no D-Bus session bus: headless session"). The answer is cached.
    bool keychainAvailable(QString* reason = nullptr);
    /// Whether QtKeychain was compiled in at all.
    static bool keychainCompiledIn();

    /// Saves the secret under key in the keychain; with no keychain fails with a message telling the
    /// user to use the environment variable instead. Never writes anything else.
    bool store(const QString& key, const QString& secret, QString* error);
    /// The secret from the keychain entry `key` or, failing that, from `environmentVariable`.
    /// nullopt with a one-line reason naming both places when neither has it.
    std::optional<QString> read(
        const QString& key, const QString& environmentVariable, QString* error, Backend* usedBackend = nullptr);
    bool remove(const QString& key, QString* error);

    /// The keychain key of a Dremio connection: "dremio:<displayName>:<auth mode>".
    static QString keyFor(const QString& displayName, const QString& authMode);
    static QString serviceName();

private:
    bool runJob(int kind, const QString& key, const QString& data, QString* readBack, QString* error);

    int m_timeoutMs;
    std::optional<bool> m_available;
    QString m_unavailableReason;
};

} // namespace dopt
