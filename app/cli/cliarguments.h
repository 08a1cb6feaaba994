#pragma once

#include <QString>
#include <QStringList>
#include <initializer_list>
#include <utility>

namespace dopt::cli {

/// Arguments of one command after the global options were taken out.
class Arguments
{
public:
    explicit Arguments(QStringList list)
        : m_list(std::move(list))
    { }
    bool takeFlag(const QString& name) { return m_list.removeAll(name) > 0; }
    /// Takes "--name VALUE" or "--name=VALUE"; false with *error when the value is missing.
    bool takeValue(const QString& name, QString* value, QString* error);
    /// Takes several "--name VALUE" options at once.
    bool takeValues(std::initializer_list<std::pair<QString, QString*>> options, QString* error);
    /// False with *error naming the first argument nobody took.
    bool noneLeft(const QString& command, QString* error) const;
    QStringList rest() const { return m_list; }

private:
    QStringList m_list;
};

} // namespace dopt::cli
