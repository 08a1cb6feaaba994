#include "detectorregistry.h"

#include "joinfanoutdetector.h"
#include "memoryspilldetector.h"
#include "nestedloopjoindetector.h"
#include "nonsargabledetector.h"
#include "nplusonedetector.h"
#include "partitionpruningdetector.h"
#include "reflectionmissingdetector.h"
#include "reflectionunuseddetector.h"
#include "regressiondetector.h"
#include "rowestimatedetector.h"
#include "selectstardetector.h"
#include "smallfilesdetector.h"
#include "subqueryrewritedetector.h"
#include "threadskewdetector.h"
#include "unboundedresultdetector.h"

namespace dopt {

const std::vector<std::unique_ptr<Detector>>& DetectorRegistry::all()
{
    static const std::vector<std::unique_ptr<Detector>> detectors = [] {
        std::vector<std::unique_ptr<Detector>> list;
        list.push_back(std::make_unique<RegressionDetector>());
        list.push_back(std::make_unique<ThreadSkewDetector>());
        list.push_back(std::make_unique<MemorySpillDetector>());
        list.push_back(std::make_unique<RowEstimateDetector>());
        list.push_back(std::make_unique<NestedLoopJoinDetector>());
        list.push_back(std::make_unique<JoinFanoutDetector>());
        list.push_back(std::make_unique<SmallFilesDetector>());
        list.push_back(std::make_unique<PartitionPruningDetector>());
        list.push_back(std::make_unique<SelectStarDetector>());
        list.push_back(std::make_unique<UnboundedResultDetector>());
        list.push_back(std::make_unique<NPlusOneDetector>());
        list.push_back(std::make_unique<SubqueryRewriteDetector>());
        list.push_back(std::make_unique<NonSargableDetector>());
        list.push_back(std::make_unique<ReflectionMissingDetector>());
        list.push_back(std::make_unique<ReflectionUnusedDetector>());
        return list;
    }();
    return detectors;
}

const Detector* DetectorRegistry::find(const QString& id)
{
    for (const auto& detector : all()) {
        if (detector->id() == id)
            return detector.get();
    }
    return nullptr;
}

QStringList DetectorRegistry::ids()
{
    QStringList list;
    for (const auto& detector : all())
        list << detector->id();
    return list;
}

} // namespace dopt
