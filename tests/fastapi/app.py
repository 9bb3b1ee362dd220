"""A small FastAPI application whose OpenAPI 3.1 document `tests/tests/it/fastapi.rs`
generates a client from, then calls every endpoint through it.

Run it with `python3 -m uvicorn app:app --app-dir tests/fastapi --port 8000`.
Every response echoes what the server received, so the test can check that
the request FastAPI validated is the one the caller meant.
"""

import json
from datetime import datetime, timezone
from enum import Enum
from typing import Annotated, Literal, Optional, Union

from fastapi import FastAPI, Header, HTTPException, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field, field_validator

app = FastAPI(title="Inventory", version="1.0.0", summary="Items in a store, for the FastAPI end-to-end test.")


class Color(str, Enum):
    red = "red"
    green = "green"
    light_blue = "light-blue"


class Dimensions(BaseModel):
    """Size of an item in centimetres."""

    width: float = Field(gt=0)
    height: float = Field(gt=0)
    depth: Optional[float] = None


class ItemCreate(BaseModel):
    """What a caller sends to create or replace an item."""

    name: str = Field(min_length=1, max_length=40, description="Shown to customers.")
    price: float = Field(ge=0, examples=[9.99])
    color: Color = Color.red
    description: Optional[str] = None
    dimensions: Optional[Dimensions] = None
    tags: list[str] = []
    attributes: dict[str, str] = {}
    position: Optional[tuple[int, int]] = Field(default=None, description="Aisle and shelf.")

    @field_validator("name")
    @classmethod
    def name_is_not_reserved(cls, name: str) -> str:
        # A rule only the server knows: the client cannot check it before sending.
        if name.lower() == "reserved":
            raise ValueError("this name is reserved")
        return name


class Item(BaseModel):
    """An item as stored."""

    kind: Literal["item"] = "item"
    id: int
    name: str
    price: float
    color: Color
    description: Optional[str] = None
    dimensions: Optional[Dimensions] = None
    tags: list[str]
    attributes: dict[str, str]
    position: Optional[tuple[int, int]] = None
    created_by: Optional[str] = Field(default=None, description="The `x-user` header of the request that created it.")
    created_at: datetime
    updated_at: Optional[datetime] = Field(default=None, description="Naive, as Python's datetimes are by default.")


class Bundle(BaseModel):
    """Items sold together."""

    kind: Literal["bundle"] = "bundle"
    id: int
    item_ids: list[int]


class NotFound(BaseModel):
    detail: str


items: dict[int, Item] = {}


def store(item_id: int, body: ItemCreate, user: Optional[str]) -> Item:
    item = Item(
        id=item_id,
        created_by=user,
        created_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        updated_at=datetime(2024, 1, 2, 3, 4, 5, 250000),
        **body.model_dump(),
    )
    items[item_id] = item
    return item


@app.get("/items", tags=["items"], operation_id="listItems")
def list_items(
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    color: Optional[Color] = None,
    tag: Annotated[Optional[list[str]], Query()] = None,
    name_prefix: Annotated[Optional[str], Query(alias="namePrefix")] = None,
) -> list[Item]:
    """Lists items, filtered by color, tags and name prefix."""
    found = [
        item
        for _, item in sorted(items.items())
        if (color is None or item.color == color)
        and all(wanted in item.tags for wanted in tag or [])
        and (name_prefix is None or item.name.startswith(name_prefix))
    ]
    return found[:limit]


@app.post("/items", tags=["items"], operation_id="createItem", status_code=201)
def create_item(body: ItemCreate, x_user: Annotated[str, Header()]) -> Item:
    return store(max(items, default=0) + 1, body, x_user)


@app.get("/items/{item_id}", tags=["items"], operation_id="getItem", responses={404: {"model": NotFound}})
def get_item(item_id: Annotated[int, Path(ge=1)]) -> Item:
    if item_id not in items:
        raise HTTPException(status_code=404, detail=f"no item {item_id}")
    return items[item_id]


@app.put("/items/{item_id}", tags=["items"], operation_id="replaceItem", responses={404: {"model": NotFound}})
def replace_item(
    item_id: Annotated[int, Path(ge=1)],
    body: ItemCreate,
    x_user: Annotated[Optional[str], Header()] = None,
) -> Item:
    if item_id not in items:
        raise HTTPException(status_code=404, detail=f"no item {item_id}")
    return store(item_id, body, x_user)


@app.delete("/items/{item_id}", tags=["items"], operation_id="deleteItem", status_code=204,
            responses={404: {"model": NotFound}})
def delete_item(item_id: Annotated[int, Path(ge=1)]) -> Response:
    if items.pop(item_id, None) is None:
        raise HTTPException(status_code=404, detail=f"no item {item_id}")
    return Response(status_code=204)


@app.get("/catalog", tags=["items"], operation_id="listCatalog")
def list_catalog() -> list[Union[Item, Bundle]]:
    """Every item, then a bundle of all of them: a union whose members fix `kind` to a literal."""
    stored = [item for _, item in sorted(items.items())]
    return [*stored, Bundle(id=100, item_ids=[item.id for item in stored])]


@app.get("/health", operation_id="health")
def health() -> dict[str, str]:
    return {"status": "ok"}


class Tick(BaseModel):
    """One event of `/ticks`."""

    seq: int
    message: str
    resumed_after: Optional[str] = Field(
        default=None, description="The `Last-Event-ID` of the connection that sent it, if it was a reconnection."
    )


class DroppedConnection(Exception):
    """Raised mid-stream: uvicorn then closes the connection without ending the body."""


@app.get(
    "/ticks",
    tags=["events"],
    operation_id="streamTicks",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Ticks as server-sent events, each `data` a JSON `Tick`.",
            "content": {"text/event-stream": {"schema": Tick.model_json_schema()}},
        }
    },
)
def stream_ticks(
    request: Request,
    count: Annotated[int, Query(ge=1, le=100)] = 5,
    drop_after: Annotated[Optional[int], Query(ge=1)] = None,
) -> StreamingResponse:
    """Server-sent events: `count` ticks. A first connection is dropped after `drop_after` ticks; a
    reconnection with `Last-Event-ID` resumes after that tick and ends the stream cleanly."""
    last_event_id = request.headers.get("last-event-id")
    start = int(last_event_id) + 1 if last_event_id else 1

    def events():
        yield "retry: 50\n\n"
        for seq in range(start, count + 1):
            if last_event_id is None and drop_after is not None and seq > drop_after:
                raise DroppedConnection(f"dropped before tick {seq}")
            tick = Tick(seq=seq, message=f"tick {seq}", resumed_after=last_event_id)
            yield f"id: {seq}\nevent: tick\ndata: {json.dumps(tick.model_dump(mode='json'))}\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")
