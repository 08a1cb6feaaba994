#include "cliarguments.h"

namespace dopt::cli {

bool Arguments::takeValue(const QString& name, QString* value, QString* error)
{
    for (int i = 0; i < m_list.size(); ++i) {
        if (m_list[i] == name) {
            if (i + 1 >= m_list.size()) {
                *error = QStringLiteral("%1 needs a value").arg(name);
                return false;
            }
            *value = m_list[i + 1];
            m_list.remove(i, 2);
            return true;
        }
        if (m_list[i].startsWith(name + QLatin1Char('='))) {
            *value = m_list[i].mid(name.size() + 1);
            m_list.removeAt(i);
            return true;
        }
    }
    return true;
}

bool Arguments::takeValues(std::initializer_list<std::pair<QString, QString*>> options, QString* error)
{
    for (const auto& [name, value] : options) {
        if (!takeValue(name, value, error))
            return false;
    }
    return true;
}

bool Arguments::noneLeft(const QString& command, QString* error) const
{
    if (m_list.isEmpty())
        return true;
    *error = QStringLiteral("%1: unexpected argument %2").arg(command, m_list.first());
    return false;
}

} // namespace dopt::cli
