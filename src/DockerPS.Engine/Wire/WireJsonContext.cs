using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace DockerPS.Engine.Wire;

/// <summary>Source-generated serialization for every wire type: no reflection at run time.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DockerConfigFile))]
[JsonSerializable(typeof(ContextMetadata))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(InfoResponse))]
[JsonSerializable(typeof(JsonMessageDto))]
[JsonSerializable(typeof(List<ContainerSummaryDto>))]
[JsonSerializable(typeof(List<ImageSummaryDto>))]
[JsonSerializable(typeof(ImageInspectDto))]
[JsonSerializable(typeof(List<ImageHistoryDto>))]
[JsonSerializable(typeof(List<ImageDeleteItemDto>))]
[JsonSerializable(typeof(ImagePruneReportDto))]
[JsonSerializable(typeof(ContainerCreateDto))]
[JsonSerializable(typeof(ContainerCreateResponseDto))]
[JsonSerializable(typeof(ExecCreateDto))]
[JsonSerializable(typeof(IdResponseDto))]
[JsonSerializable(typeof(ExecStartDto))]
[JsonSerializable(typeof(ExecInspectDto))]
[JsonSerializable(typeof(ContainerPathStatDto))]
[JsonSerializable(typeof(ContainerInspectDto))]
[JsonSerializable(typeof(List<ContainerChangeDto>))]
[JsonSerializable(typeof(ContainerTopDto))]
[JsonSerializable(typeof(ContainerUpdateDto))]
[JsonSerializable(typeof(WarningsDto))]
[JsonSerializable(typeof(ContainerWaitDto))]
[JsonSerializable(typeof(VolumeDto))]
[JsonSerializable(typeof(VolumeListDto))]
[JsonSerializable(typeof(VolumeCreateDto))]
[JsonSerializable(typeof(NetworkDto))]
[JsonSerializable(typeof(List<NetworkDto>))]
[JsonSerializable(typeof(NetworkCreateDto))]
[JsonSerializable(typeof(NetworkConnectDto))]
[JsonSerializable(typeof(StatsDto))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
internal sealed partial class WireJsonContext : JsonSerializerContext
{
}
