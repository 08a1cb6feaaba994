#include "firstrundialog.h"

#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace dopt {

FirstRunDialog::FirstRunDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Welcome to Dremio Optimizer"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Dremio Optimizer keeps the jobs and profiles it analyses in a <i>workspace</i> "
                                "(a local SQLite file or a PostgreSQL database). How do you want to start?"),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    const auto addChoice = [this, layout](const QString& title, const QString& description, Choice choice) {
        auto* button = new QCommandLinkButton(title, description, this);
        connect(button, &QCommandLinkButton::clicked, this, [this, choice] { choose(choice); });
        layout->addWidget(button);
        return button;
    };
    addChoice(tr("Explore the demo workspace"),
        tr("Generated synthetic Dremio jobs and profiles, clearly marked as demo data."), Choice::Demo)
        ->setDefault(true);
    addChoice(tr("Open an existing workspace…"), tr("A workspace file created earlier."), Choice::OpenExisting);
    addChoice(tr("Create an empty workspace…"),
        tr("Then import your own Dremio profiles, query logs or job history, or PostgreSQL server logs and "
           "EXPLAIN plans."),
        Choice::CreateEmpty);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void FirstRunDialog::choose(Choice choice)
{
    m_choice = choice;
    accept();
}

} // namespace dopt
