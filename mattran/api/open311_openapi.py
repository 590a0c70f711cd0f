"""An OpenAPI 3 description of the project's Open311 GeoReport v2 endpoints (served at
``/open311/v2/openapi.json``). GeoReport v2 has no machine-readable description of its own; this one says
exactly what ``api/views/open311.py`` answers, so integrators can generate clients and the test suite can fuzz
the endpoints with schemathesis (``api/tests/test_fuzz_api.py``). Keep it in step with the views."""

from .open311 import OPEN311_KINDS
from .open311 import SPECIFICATION_URL as SPEC


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _content(schema: dict) -> dict:
    # The same shape in XML (the spec's element names); only the JSON body is described field by field.
    return {"application/json": {"schema": schema}, "text/xml": {"schema": {"type": "string"}}}


def _error(description: str) -> dict:
    return {"description": description, "content": _content(_ref("Errors"))}


ERRORS = {
    "400": _error("Tham số sai (định dạng, ngày giờ, status…) / invalid argument"),
    "404": _error("Không tìm thấy (jurisdiction_id, service_code, mã, token, địa chỉ) / not found"),
    "429": _error("Quá nhiều yêu cầu / too many requests"),
}
FORMAT = {
    "name": "format",
    "in": "path",
    "required": True,
    "description": "json hoặc xml",
    "schema": {"type": "string", "enum": ["json", "xml"]},
}
JURISDICTION = {
    "name": "jurisdiction_id",
    "in": "query",
    "required": False,
    "description": "Slug của một tổ chức (ủy ban MTTQ); lọc theo tổ chức đó và các tổ chức cấp dưới.",
    "schema": {"type": "string"},
}


def _path_param(name: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": {"type": "string"}}


def _get(summary: str, schema: dict, *params: dict) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": [*params, FORMAT, JURISDICTION],
            "responses": {"200": {"description": "OK", "content": _content(schema)}, **ERRORS},
        }
    }


SCHEMAS = {
    "Errors": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        },
    },
    "Discovery": {
        "type": "object",
        "required": ["changeset", "contact", "key_service", "endpoints"],
        "properties": {
            "changeset": {"type": "string"},
            "contact": {"type": "string"},
            "key_service": {"type": "string"},
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["specification", "url", "changeset", "type", "formats"],
                    "properties": {
                        "specification": {"type": "string"},
                        "url": {"type": "string"},
                        "changeset": {"type": "string"},
                        "type": {"type": "string", "enum": ["production", "test"]},
                        "formats": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
    },
    "Service": {
        "type": "object",
        "required": ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
        "properties": {
            "service_code": {"type": "string"},
            "service_name": {"type": "string"},
            "description": {"type": "string"},
            "metadata": {"type": "boolean"},
            "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
            "keywords": {"type": "string"},
            "group": {"type": "string"},
        },
    },
    "ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": {"type": "string"},
            "attributes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["variable", "code", "datatype", "required", "order", "description", "values"],
                    "properties": {
                        "variable": {"type": "boolean"},
                        "code": {"type": "string"},
                        "datatype": {
                            "type": "string",
                            "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"],
                        },
                        "required": {"type": "boolean"},
                        "datatype_description": {"type": "string"},
                        "order": {"type": "integer"},
                        "description": {"type": "string"},
                        "values": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["key", "name"],
                                "properties": {"key": {"type": "string"}, "name": {"type": "string"}},
                            },
                        },
                    },
                },
            },
        },
    },
    "ServiceRequest": {
        "type": "object",
        "required": ["service_request_id", "status", "service_code", "requested_datetime"],
        "properties": {
            "service_request_id": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": {"type": "string"},
            "service_name": {"type": "string"},
            "service_code": {"type": "string"},
            "description": {"type": "string", "maxLength": 4000},
            "agency_responsible": {"type": "string"},
            "service_notice": {"type": "string"},
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time", "nullable": True},
            "expected_datetime": {"type": "string", "format": "date-time", "nullable": True},
            "address": {"type": "string", "nullable": True},
            "address_id": {"type": "string", "nullable": True},
            "zipcode": {"type": "string", "nullable": True},
            "lat": {"type": "number", "nullable": True},
            "long": {"type": "number", "nullable": True},
            "media_url": {"type": "string", "nullable": True},
        },
    },
    "Created": {
        "type": "object",
        "required": ["service_request_id", "token", "service_notice"],
        "properties": {
            "service_request_id": {"type": "string"},
            "token": {"type": "string"},
            "service_notice": {"type": "string"},
            "account_id": {"type": "string", "nullable": True},
        },
    },
    "Token": {
        "type": "object",
        "required": ["service_request_id", "token"],
        "properties": {"service_request_id": {"type": "string"}, "token": {"type": "string"}},
    },
}

POST_FIELDS = {
    "service_code": {"type": "string", "maxLength": 60},
    "jurisdiction_id": {"type": "string", "maxLength": 100},
    "lat": {"type": "number", "minimum": -90, "maximum": 90},
    "long": {"type": "number", "minimum": -180, "maximum": 180},
    "address_string": {"type": "string", "maxLength": 255},
    "address_id": {"type": "string", "maxLength": 100},
    "email": {"type": "string", "format": "email"},
    "device_id": {"type": "string", "maxLength": 100},
    "account_id": {"type": "string", "maxLength": 100},
    "first_name": {"type": "string", "maxLength": 70},
    "last_name": {"type": "string", "maxLength": 70},
    "phone": {"type": "string", "maxLength": 30},
    "description": {"type": "string", "minLength": 1, "maxLength": 4000},
    "media_url": {"type": "string", "format": "uri", "maxLength": 500},
    "attribute[kind]": {"type": "string", "enum": [str(kind) for kind in OPEN311_KINDS]},
    "attribute[title]": {"type": "string", "maxLength": 200},
    "attribute[publish_consent]": {"type": "string", "enum": ["true", "false"]},
}


def open311_openapi_document() -> dict:
    """The document itself: plain data, no database read (it is served and loaded by the tests at import)."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Mặt trận — Open311 GeoReport v2",
            "version": "2",
            "description": (
                f"GeoReport v2 ({SPEC}). Lĩnh vực là service; service_request_id là mã tra cứu kiến nghị. "
                "Mọi lỗi là mảng [{code, description}]. Gửi kiến nghị (POST) cần api_key."
            ),
        },
        "servers": [{"url": "/open311/v2"}],
        "paths": {
            "/discovery.{format}": _get("Khám phá dịch vụ (discovery)", _ref("Discovery")),
            "/services.{format}": _get("Danh sách lĩnh vực (services)", {"type": "array", "items": _ref("Service")}),
            "/services/{service_code}.{format}": _get(
                "Định nghĩa một lĩnh vực (service definition)",
                _ref("ServiceDefinition"),
                _path_param("service_code", "Mã lĩnh vực"),
            ),
            "/requests.{format}": {
                **_get(
                    "Danh sách kiến nghị công khai (GET service requests)",
                    {"type": "array", "items": _ref("ServiceRequest")},
                    {"name": "service_request_id", "in": "query", "required": False,
                     "description": "Tối đa 100 mã, cách nhau bởi dấu phẩy; bỏ qua mọi tham số khác.",
                     "schema": {"type": "string"}},
                    {"name": "service_code", "in": "query", "required": False,
                     "description": "Một hay nhiều mã lĩnh vực, cách nhau bởi dấu phẩy.", "schema": {"type": "string"}},
                    {"name": "start_date", "in": "query", "required": False,
                     "description": "Ngày giờ W3C, từ năm 1900 đến 2100.", "schema": {"type": "string", "format": "date-time"}},
                    {"name": "end_date", "in": "query", "required": False,
                     "description": "Ngày giờ W3C, từ năm 1900 đến 2100; khoảng tối đa 90 ngày.",
                     "schema": {"type": "string", "format": "date-time"}},
                    {"name": "status", "in": "query", "required": False, "description": "open, closed hoặc cả hai.",
                     "schema": {"type": "string"}},
                ),
                "post": {
                    "summary": "Gửi một kiến nghị (POST service request)",
                    "security": [{"apiKeyHeader": []}],  # or api_key in the form body; never the query string
                    "parameters": [
                        FORMAT,
                        {"name": "Idempotency-Key", "in": "header", "required": False,
                         "description": "Gửi lại cùng khóa thì nhận lại kiến nghị đã tạo.", "schema": {"type": "string"}},
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/x-www-form-urlencoded": {
                                "schema": {
                                    "type": "object",
                                    "required": ["service_code", "description"],
                                    "properties": POST_FIELDS,
                                    # a place: coordinates, or an address, or an address id
                                    "anyOf": [
                                        {"required": ["lat", "long"]},
                                        {"required": ["address_string"]},
                                        {"required": ["address_id"]},
                                    ],
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {"description": "Đã tạo / created",
                                "content": _content({"type": "array", "items": _ref("Created")})},
                        "403": _error("Thiếu hoặc sai api_key, hoặc ngoài phạm vi của khóa / missing or bad api_key"),
                        **ERRORS,
                    },
                },
            },
            "/requests/{service_request_id}.{format}": _get(
                "Một kiến nghị theo mã (GET service request)",
                {"type": "array", "items": _ref("ServiceRequest")},
                _path_param("service_request_id", "Mã tra cứu, ví dụ KN-X4TCP-HCGAR"),
            ),
            "/tokens/{token}.{format}": _get(
                "Mã kiến nghị từ token (GET service_request_id from a token)",
                {"type": "array", "items": _ref("Token")},
                _path_param("token", "Token trả về khi gửi"),
            ),
        },
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
            },
        },
    }
